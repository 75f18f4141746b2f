#include "cli.h"

int cmd_status(Cli *cli)
{
    return err_fail(&cli->err, ERR_INPUT, "'status' is not built yet");
}
