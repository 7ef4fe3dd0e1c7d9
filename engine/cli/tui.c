/* The interactive quiz in a terminal. */
#include "cli.h"
#include "take.h"

int take_interactive(const take_opts *o)
{
    (void)o;
    cli_error("the interactive quiz is not built yet; use --answers FILE");
    return EXIT_USAGE;
}
