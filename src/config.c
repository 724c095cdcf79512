/* config.c: the lifecycle of struct config; the values come from cli's flag
 * table, so that a flag's default is written down exactly once. */
#include "common.h"

#include "cli.h"
#include "config.h"

/* Fill c with every flag's default. */
void
config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	cli_set_defaults(c);
}

/* Free what c owns and leave it zeroed. */
void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	cli_free_values(c);
	memset(c, 0, sizeof *c);
}
