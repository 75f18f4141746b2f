#include "cli.h"

int cmd_demo(Cli *cli)
{
    return err_fail(&cli->err, ERR_INPUT, "'demo' is not built yet");
}
