/* context.c: names, parameters and lifetime of the migration state. */
#include "common.h"

#include "alter.h"
#include "context.h"

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
	ctx->ghost_table = context_table_name(tbase, "gho");
	ctx->changelog_table = context_table_name(tbase, "ghc");
	ctx->checkpoint_table = context_table_name(tbase, "ghk");
	if (cfg->timestamp_old_table) {
		localtime_r(&ctx->start_time, &tm);
		strftime(ts, sizeof ts, "%Y%m%d%H%M%S", &tm);
		suffix = xasprintf("%s_del", ts);
		ctx->old_table = context_table_name(tbase, suffix);
		free(suffix);
	} else
		ctx->old_table = context_table_name(tbase, "del");

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
	free(ctx->orig_columns_on_applier);
	free(ctx->ghost_create_statement);
	column_list_release(&ctx->orig_columns);
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

/* Free a server description. */
void
server_info_release(struct server_info *si)
{
	free(si->key);
	free(si->implied_key);
	free(si->version);
	memset(si, 0, sizeof *si);
}

/* Are the inspected server and the applier the same server? */
bool
context_inspector_is_applier(const struct migration_ctx *ctx)
{
	if (ctx->applier_params.host == NULL)
		return false;
	return strcmp(ctx->applier_params.host, ctx->inspector_params.host) == 0 &&
	    ctx->applier_params.port == ctx->inspector_params.port;
}
