/* context.c: names, parameters and lifetime of the migration state. */
#include "common.h"

#include "alter.h"
#include "context.h"
#include "sqlbuild.h"

#define MAX_TABLE_NAME_LENGTH 64

/* Build a helper table's name the way gh-ost does. */
char *
context_table_name(const char *base, const char *suffix)
{
	size_t	len = strlen(base) + strlen(suffix) + 2, cut = strlen(base);

	if (len > MAX_TABLE_NAME_LENGTH)
		cut -= len - MAX_TABLE_NAME_LENGTH;
	return xasprintf("_%.*s_%s", (int)cut, base, suffix);
}

/* A copy of an optional string flag (NULL when not given). */
static char *
context_opt(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* Set up the context from the configuration. */
void
context_init(struct migration_ctx *ctx, const struct config *cfg,
    struct alter *alter, struct event_base *base)
{
	const char	*tbase;
	struct tm	 tm;
	char		 ts[32], *suffix;

	memset(ctx, 0, sizeof *ctx);
	ctx->cfg = cfg;
	ctx->base = base;
	ctx->alter = alter;
	ctx->database = cfg->database;
	ctx->table = cfg->table;
	ctx->start_time = time(NULL);

	tbase = cfg->force_table_names != NULL && *cfg->force_table_names != '\0' ?
	    cfg->force_table_names : cfg->table;
	/* --revert: the "ghost" is the old table of the migration being
	 * reverted, and the table swapped out becomes _t_rev_del. */
	if (cfg->revert && cfg->old_table != NULL)
		ctx->ghost_table = xstrdup(cfg->old_table);
	else
		ctx->ghost_table = context_table_name(tbase, "gho");
	ctx->changelog_table = context_table_name(tbase, "ghc");
	ctx->checkpoint_table = context_table_name(tbase, "ghk");
	if (cfg->timestamp_old_table) {
		localtime_r(&ctx->start_time, &tm);
		strftime(ts, sizeof ts, "%Y%m%d%H%M%S", &tm);
		suffix = xasprintf("%s_%s", ts, cfg->revert ? "rev_del" : "del");
		ctx->old_table = context_table_name(tbase, suffix);
		free(suffix);
	} else
		ctx->old_table = context_table_name(tbase,
		    cfg->revert ? "rev_del" : "del");

	ctx->rt.chunk_size = cfg->chunk_size;
	ctx->rt.chunk_time = cfg->chunk_time;
	ctx->rt.dml_batch_size = cfg->dml_batch_size;
	ctx->rt.max_lag_millis = cfg->max_lag_millis;
	ctx->rt.nice_ratio = cfg->nice_ratio;
	runtime_set_string(&ctx->rt.max_load, cfg->max_load);
	runtime_set_string(&ctx->rt.critical_load, cfg->critical_load);
	runtime_set_string(&ctx->rt.throttle_query, cfg->throttle_query);
	runtime_set_string(&ctx->rt.throttle_http, cfg->throttle_http);
	runtime_set_string(&ctx->rt.throttle_control_replicas,
	    cfg->throttle_control_replicas);
	runtime_set_string(&ctx->rt.postpone_flag_file,
	    cfg->postpone_cut_over_flag_file);

	ctx->inspector_params.host = xstrdup(cfg->host);
	ctx->inspector_params.port = cfg->port;
	ctx->inspector_params.user = cfg->user != NULL ? xstrdup(cfg->user) : NULL;
	ctx->inspector_params.password = cfg->password != NULL ?
	    xstrdup(cfg->password) : NULL;
	ctx->inspector_params.database = xstrdup(cfg->database);
	ctx->inspector_params.connect_timeout = cfg->mysql_timeout > 0 ?
	    (unsigned)(cfg->mysql_timeout + 0.999) : 10;
	ctx->inspector_params.rw_timeout = cfg->mysql_timeout > 0 ?
	    (unsigned)(cfg->mysql_timeout + 0.999) : 0;
	/* Every other connection's parameters are copies of these. */
	ctx->inspector_params.charset = cfg->charset != NULL ?
	    xstrdup(cfg->charset) : NULL;
	ctx->inspector_params.ssl = cfg->ssl;
	ctx->inspector_params.ssl_allow_insecure = cfg->ssl_allow_insecure;
	ctx->inspector_params.ssl_ca = context_opt(cfg->ssl_ca);
	ctx->inspector_params.ssl_cert = context_opt(cfg->ssl_cert);
	ctx->inspector_params.ssl_key = context_opt(cfg->ssl_key);
	/* gh-ost sets the isolation level on every session it opens, the
	 * applier's too (which start as copies of these): RocksDB's
	 * transactions need READ COMMITTED. */
	{
		struct buf	b = BUF_INIT;

		sqlbuild_isolation(&b, cfg->storage_engine != NULL &&
		    strcmp(cfg->storage_engine, "rocksdb") == 0 ?
		    "READ COMMITTED" : "REPEATABLE READ");
		ctx->inspector_params.init_command = buf_detach(&b);
	}
}

/* Replace a string knob. */
void
runtime_set_string(char **field, const char *value)
{
	free(*field);
	*field = value != NULL && *value != '\0' ? xstrdup(value) : NULL;
}

/* Free what the context owns (not cfg, not the alter). */
void
context_release(struct migration_ctx *ctx)
{
	free(ctx->rt.max_load);
	free(ctx->rt.critical_load);
	free(ctx->rt.throttle_query);
	free(ctx->rt.throttle_http);
	free(ctx->rt.throttle_control_replicas);
	free(ctx->rt.postpone_flag_file);
	free(ctx->ghost_table);
	free(ctx->changelog_table);
	free(ctx->old_table);
	free(ctx->checkpoint_table);
	dbconn_params_release(&ctx->inspector_params);
	dbconn_params_release(&ctx->applier_params);
	server_info_release(&ctx->inspector);
	server_info_release(&ctx->applier);
	free(ctx->master_host);
	free(ctx->binlog_format);
	free(ctx->binlog_row_image);
	free(ctx->table_engine);
	free(ctx->applier_time_zone);
	free(ctx->client_charset);
	free(ctx->orig_columns_on_applier);
	free(ctx->ghost_create_statement);
	deferkeys_release(&ctx->deferred);
	deferkeys_release(&ctx->to_build);
	column_list_release(&ctx->orig_columns);
	trigger_list_release(&ctx->triggers);
	column_list_release(&ctx->ghost_columns);
	shared_plan_release(&ctx->plan);
	unique_key_list_release(&ctx->orig_keys);
	unique_key_list_release(&ctx->ghost_keys);
}

/* Parse a version string such as "10.11.6-MariaDB-log" or "8.0.36". */
void
server_info_set_version(struct server_info *si, const char *version)
{
	free(si->version);
	si->version = xstrdup(version != NULL ? version : "");
	si->major = si->minor = si->patch = 0;
	sscanf(si->version, "%d.%d.%d", &si->major, &si->minor, &si->patch);
	si->is_mariadb = strcasestr(si->version, "mariadb") != NULL;
}

/* Is the server MySQL at major.minor.patch or later? */
bool
server_info_mysql_since(const struct server_info *si, int major, int minor,
    int patch)
{
	if (si->is_mariadb || si->major != major)
		return !si->is_mariadb && si->major > major;
	if (si->minor != minor)
		return si->minor > minor;
	return si->patch >= patch;
}

/* Free a server description. */
void
server_info_release(struct server_info *si)
{
	free(si->key);
	free(si->implied_key);
	free(si->version);
	memset(si, 0, sizeof *si);
}

/* Are the inspected server and the applier the same server? As in gh-ost,
 * either the addresses we connect to or the @@hostname:@@port they report
 * are the same (a replica's master may be named differently than --host). */
bool
context_inspector_is_applier(const struct migration_ctx *ctx)
{
	const char	*a = ctx->applier.implied_key;
	const char	*i = ctx->inspector.implied_key;

	if (ctx->applier_params.host == NULL)
		return false;
	if (strcmp(ctx->applier_params.host, ctx->inspector_params.host) == 0 &&
	    ctx->applier_params.port == ctx->inspector_params.port)
		return true;
	return a != NULL && i != NULL && strcmp(a, i) == 0;
}
