#include "cli.h"

int cmd_measure(Cli *cli)
{
    return err_fail(&cli->err, ERR_INPUT, "'measure' is not built yet");
}
