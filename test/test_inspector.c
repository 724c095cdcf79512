/* test_inspector.c: the topology checks that need both ends known
 * (inspector_check_topology): running on a master, --tungsten and
 * log_slave_updates, the replica modes. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "config.h"
#include "context.h"
#include "inspector.h"

struct topo {
	struct config		cfg;
	struct migration_ctx	ctx;
};

/* A replica r:3307 (reporting itself as box:3307) whose master is m:3306
 * (box:3306); log_slave_updates off unless the case says. */
static int
setup(void **state)
{
	struct topo	*t = xcalloc(1, sizeof *t);

	config_init(&t->cfg);
	t->ctx.cfg = &t->cfg;
	t->ctx.inspector_params.host = xstrdup("r");
	t->ctx.inspector_params.port = 3307;
	t->ctx.applier_params.host = xstrdup("m");
	t->ctx.applier_params.port = 3306;
	t->ctx.inspector.key = xstrdup("r:3307");
	t->ctx.inspector.implied_key = xstrdup("box:3307");
	t->ctx.applier.key = xstrdup("m:3306");
	t->ctx.applier.implied_key = xstrdup("box:3306");
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct topo	*t = *state;

	dbconn_params_release(&t->ctx.inspector_params);
	dbconn_params_release(&t->ctx.applier_params);
	server_info_release(&t->ctx.inspector);
	server_info_release(&t->ctx.applier);
	config_free(&t->cfg);
	free(t);
	return 0;
}

/* Run the check; the cause (or "" on success) into *out, allocated. */
static int
check(struct topo *t, char **out)
{
	char	*cause = NULL;
	int	 rc;

	rc = inspector_check_topology(&t->ctx, &cause);
	*out = cause != NULL ? cause : xstrdup("");
	return rc;
}

/* Through a replica that logs its replication: fine. */
static void
test_replica_with_log_slave_updates(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	t->ctx.log_slave_updates = true;
	assert_int_equal(check(t, &cause), 0);
	free(cause);
}

/* Through a replica without log_slave_updates the binlog lacks the rows. */
static void
test_replica_without_log_slave_updates(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	assert_int_equal(check(t, &cause), -1);
	assert_string_equal(cause, "r:3307 must have log_slave_updates enabled "
	    "for executing migration");
	free(cause);
}

/* --tungsten: the replication is Tungsten's, not the server's; gh-ost
 * trusts the user that it logs. */
static void
test_tungsten_without_log_slave_updates(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	t->cfg.tungsten = true;
	assert_int_equal(check(t, &cause), 0);
	free(cause);
}

/* --tungsten does not lift the other checks. */
static void
test_tungsten_on_master_needs_allow_on_master(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	t->cfg.tungsten = true;
	free(t->ctx.applier_params.host);
	t->ctx.applier_params.host = xstrdup("r");
	t->ctx.applier_params.port = 3307;
	assert_int_equal(check(t, &cause), -1);
	assert_non_null(strstr(cause, "To proceed please provide "
	    "--allow-on-master"));
	free(cause);
}

/* The same server under another name (its reported @@hostname:@@port) is
 * the master too, as gh-ost's ConnectionConfig.Equals sees it. */
static void
test_same_server_by_implied_key(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	t->ctx.log_slave_updates = true;
	free(t->ctx.applier.implied_key);
	t->ctx.applier.implied_key = xstrdup("box:3307");
	assert_true(context_inspector_is_applier(&t->ctx));
	assert_int_equal(check(t, &cause), -1);
	assert_non_null(strstr(cause, "it seems like this migration attempt to "
	    "run directly on master"));
	free(cause);
	t->cfg.allow_on_master = true;
	assert_int_equal(check(t, &cause), 0);
	free(cause);
}

/* On the master itself log_slave_updates does not matter. */
static void
test_on_master_without_log_slave_updates(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	t->cfg.allow_on_master = true;
	free(t->ctx.applier_params.host);
	t->ctx.applier_params.host = xstrdup("r");
	t->ctx.applier_params.port = 3307;
	assert_int_equal(check(t, &cause), 0);
	free(cause);
}

/* --test-on-replica needs a replica. */
static void
test_test_on_replica_needs_a_replica(void **state)
{
	struct topo	*t = *state;
	char		*cause;

	t->cfg.test_on_replica = true;
	t->ctx.log_slave_updates = true;
	free(t->ctx.applier_params.host);
	t->ctx.applier_params.host = xstrdup("r");
	t->ctx.applier_params.port = 3307;
	assert_int_equal(check(t, &cause), -1);
	assert_string_equal(cause, "instructed to --test-on-replica or "
	    "--migrate-on-replica, but the server we connect to doesn't seem "
	    "to be a replica");
	free(cause);
}

/* Versions: MySQL syntax MariaDB does not share, from its first release. */
static void
test_server_version(void **state)
{
	static const struct {
		const char	*version;
		bool		 since_8_0_19, since_8_0_22, since_8_2;
	} cases[] = {
		{ "10.11.6-MariaDB-log", false, false, false },
		{ "11.4.2-MariaDB", false, false, false },
		{ "5.7.44-log", false, false, false },
		{ "8.0.18", false, false, false },
		{ "8.0.19", true, false, false },
		{ "8.0.36-28", true, true, false },
		{ "8.1.0", true, true, false },
		{ "8.4.3", true, true, true },
		{ "9.1.0", true, true, true },
	};
	struct server_info	si;
	size_t			i;

	(void)state;
	memset(&si, 0, sizeof si);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		server_info_set_version(&si, cases[i].version);
		assert_int_equal(server_info_mysql_since(&si, 8, 0, 19),
		    cases[i].since_8_0_19);
		assert_int_equal(server_info_mysql_since(&si, 8, 0, 22),
		    cases[i].since_8_0_22);
		assert_int_equal(server_info_mysql_since(&si, 8, 2, 0),
		    cases[i].since_8_2);
	}
	server_info_release(&si);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replica_with_log_slave_updates,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_replica_without_log_slave_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_tungsten_without_log_slave_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_tungsten_on_master_needs_allow_on_master, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_server_by_implied_key,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_on_master_without_log_slave_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_test_on_replica_needs_a_replica, setup, teardown),
		cmocka_unit_test(test_server_version),
	};

	log_set_level(LOG_LEVEL_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
