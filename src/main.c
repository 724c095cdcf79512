/* main.c: parse the command line, run the migration on one event loop, exit. */
#include "common.h"

#include <signal.h>
#include <event2/event.h>
#include <event2/thread.h>

#include "alter.h"
#include "cli.h"
#include "config.h"
#include "migrator.h"
#include "stack.h"

int
main(int argc, char **argv)
{
	struct config		 cfg;
	struct alter		*alter = NULL;
	struct event_base	*base;
	enum cli_action		 action;
	char			*cause = NULL;
	int			 exit_code = 1, rc;

	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	config_init(&cfg);
	if (cli_parse(argc, argv, &cfg, &action, &exit_code, &cause) != 0) {
		/* Usage errors (exit 2) were already printed the way Go's flag
		 * package prints them. */
		if (exit_code != 2)
			log_failure("%s", cause);
		free(cause);
		config_free(&cfg);
		return exit_code;
	}
	if (action == CLI_EXIT_OK) {
		config_free(&cfg);
		return 0;
	}
	if (cfg.stack && stack_catch_crashes() != 0)
		log_warn("--stack: cannot catch crash signals: %s",
		    strerror(errno));
	/* --revert ignores --alter (gh-ost warns about it in cli). */
	if (cfg.revert)
		alter = alter_none();
	else if ((alter = alter_parse(cfg.alter, &cause)) == NULL) {
		log_failure("%s", cause);
		free(cause);
		config_free(&cfg);
		return 1;
	}
	if (alter->renames_table) {
		log_failure("alter statement seems to RENAME the table. This is not "
		    "supported, and you should run your RENAME outside gh-ost");
		rc = 1;
		goto out;
	}
	if (alter->nrenames > 0 && !cfg.skip_renamed_columns &&
	    !cfg.approve_renamed_columns) {
		char *r = alter_format_renames(alter);

		log_failure("gh-ost believes the ALTER statement renames columns, as "
		    "follows: %s; as precaution, you are asked to confirm gh-ost "
		    "is correct, and provide with `--approve-renamed-columns`, and "
		    "we're all happy. Or you can skip renamed columns via "
		    "`--skip-renamed-columns`, in which case column data may be "
		    "lost", r);
		free(r);
		rc = 1;
		goto out;
	}

	log_route_libevent();
	evthread_use_pthreads();
	if ((base = event_base_new()) == NULL) {
		log_failure("cannot create the event loop");
		rc = 1;
		goto out;
	}
	log_info("starting wisp %s", WISP_VERSION);
	rc = migrator_run(&cfg, alter, base);
	event_base_free(base);
out:
	alter_free(alter);
	config_free(&cfg);
	return rc;
}
