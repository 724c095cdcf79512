/* control.c: the command server's operations and the hook runner. */
#include "common.h"

#include <math.h>
#include <unistd.h>
#include <event2/event.h>

#include "context.h"
#include "control.h"
#include "engine.h"
#include "hooks.h"
#include "loadmap.h"
#include "server.h"

/* A request to run hooks. */
struct hookreq {
	char		*name;
	char		**extra;
	void		(*cont)(void *, char *);
	void		*cont_arg;
	struct hookreq	*next;
};

struct control {
	struct migration_ctx	*ctx;
	void			(*fail)(void *, char *);
	void			*fail_arg;
	struct engine		*engine;
	struct hooks		*hooks;
	struct server		*server;

	struct hookreq		*head;
	struct hookreq		*tail;
	struct hookreq		*running;

	struct event		*panic_ev;
	char			*panic_cause;
	char			 host[256];
};

static void	control_next(struct control *);

/* ---- hooks ---- */

/* The host part of "host:port". */
static char *
control_hostname(const char *key)
{
	const char	*colon;

	if (key == NULL)
		return xstrdup("");
	colon = strrchr(key, ':');
	return colon != NULL ? xstrndup(key, (size_t)(colon - key)) : xstrdup(key);
}

/* One hook run finished. */
static void
control_hook_done(void *arg, char *cause)
{
	struct control	*c = arg;
	struct hookreq	*r = c->running;

	c->running = NULL;
	if (r->cont != NULL)
		r->cont(r->cont_arg, cause);
	else if (cause != NULL) {
		log_warn("%s hook failed: %s", r->name, cause);
		free(cause);
	}
	free(r->name);
	util_free_strv(r->extra);
	free(r);
	control_next(c);
}

/* Start the next queued run, with the environment of this moment. */
static void
control_next(struct control *c)
{
	struct migration_ctx	*ctx = c->ctx;
	struct hooks_env	 env;
	struct engine_progress	 p;
	struct hookreq		*r;
	char			*mhost, *ihost;

	if (c->running != NULL || (r = c->head) == NULL)
		return;
	c->head = r->next;
	if (c->head == NULL)
		c->tail = NULL;
	memset(&env, 0, sizeof env);
	memset(&p, 0, sizeof p);
	p.eta_seconds = -1;
	p.rows_estimate = ctx->rows_estimate;
	if (c->engine != NULL)
		engine_progress(c->engine, &p);
	else
		p.elapsed_ms = (uint64_t)(time(NULL) - ctx->start_time) * 1000;
	mhost = control_hostname(ctx->applier.implied_key);
	ihost = control_hostname(ctx->inspector.implied_key);
	env.database = ctx->database;
	env.table = ctx->table;
	env.ghost_table = ctx->ghost_table;
	env.old_table = ctx->old_table;
	env.ddl = ctx->cfg->alter;
	env.elapsed_seconds = (int64_t)(p.elapsed_ms / 1000);
	env.elapsed_copy_seconds = (int64_t)(p.copy_elapsed_ms / 1000);
	env.estimated_rows = p.rows_estimate;
	env.copied_rows = p.rows_copied;
	env.migrated_host = mhost;
	env.inspected_host = ihost;
	env.executing_host = c->host;
	env.inspected_lag = p.lag_seconds;
	env.heartbeat_lag = p.heartbeat_lag_seconds;
	env.progress = p.progress;
	env.eta_seconds = p.eta_seconds;
	env.hint = ctx->cfg->hooks_hint;
	env.hint_owner = ctx->cfg->hooks_hint_owner;
	env.hint_token = ctx->cfg->hooks_hint_token;
	env.dry_run = !ctx->cfg->execute;
	env.revert = ctx->cfg->revert;
	c->running = r;
	if (hooks_run(c->hooks, r->name, &env,
	    (const char *const *)r->extra, control_hook_done, c) != 0) {
		/* Cannot happen (one run at a time); fail loudly rather than
		 * drop a phase's continuation. */
		c->running = NULL;
		c->head = r;
		if (c->tail == NULL)
			c->tail = r;
		log_error("hooks busy: %s postponed", r->name);
	}
	free(mhost);
	free(ihost);
}

/* Queue hooks. */
void
control_hook(struct control *c, const char *name, const char *const *extra,
    void (*cont)(void *, char *), void *cont_arg)
{
	struct hookreq	*r;
	size_t		 n = 0, i;

	/* Only the periodic status hook may be skipped while others run
	 * (the next one comes soon); every other hook runs, queued. */
	if (cont == NULL && strcmp(name, HOOK_STATUS) == 0 &&
	    (c->running != NULL || c->head != NULL))
		return;
	r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	while (extra != NULL && extra[n] != NULL)
		n++;
	r->extra = xcalloc(n + 1, sizeof *r->extra);
	for (i = 0; i < n; i++)
		r->extra[i] = xstrdup(extra[i]);
	r->cont = cont;
	r->cont_arg = cont_arg;
	if (c->tail != NULL)
		c->tail->next = r;
	else
		c->head = r;
	c->tail = r;
	control_next(c);
}

/* The engine's way in. */
void
control_engine_hook(void *owner, const char *name, const char *const *extra,
    void (*cont)(void *, char *), void *cont_arg)
{
	control_hook(owner, name, extra, cont, cont_arg);
}

/* ---- server operations ---- */

static void
op_status(void *arg, struct buf *b, bool with_hint)
{
	struct control	*c = arg;

	if (c->engine != NULL)
		engine_status_text(c->engine, b, with_hint);
	else
		buf_adds(b, "# Migration is being validated; no status yet\n");
}

static void
op_coordinates(void *arg, struct buf *b)
{
	struct control	*c = arg;

	buf_addf(b, "%s\n", c->engine != NULL ? engine_position(c->engine) : "");
}

static void
op_host(const struct server_info *si, struct buf *b)
{
	if (si->implied_key != NULL)
		buf_addf(b, "Host: %s, Version: %s\n", si->implied_key,
		    si->version != NULL ? si->version : "");
}

static void
op_applier(void *arg, struct buf *b)
{
	op_host(&((struct control *)arg)->ctx->applier, b);
}

static void
op_inspector(void *arg, struct buf *b)
{
	op_host(&((struct control *)arg)->ctx->inspector, b);
}

/* A float64 as Go's %v prints it: the shortest text that reads back. */
static char *
control_float(double d)
{
	char	tmp[64];
	int	prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	return xstrdup(tmp);
}

/* A load map's text as gh-ost prints it (sorted). */
static char *
control_load_text(const char *s)
{
	struct loadmap	*m;
	char		*cause = NULL, *text;

	if (s == NULL)
		return xstrdup("");
	if ((m = loadmap_parse(s, &cause)) == NULL) {
		free(cause);
		return xstrdup(s);
	}
	text = loadmap_format(m);
	loadmap_free(m);
	return text;
}

static char *
op_get(void *arg, const char *knob)
{
	struct control	*c = arg;
	struct runtime	*rt = &c->ctx->rt;

	if (strcmp(knob, "chunk-size") == 0)
		return xasprintf("%" PRId64, rt->chunk_size);
	if (strcmp(knob, "dml-batch-size") == 0)
		return xasprintf("%" PRId64, rt->dml_batch_size);
	if (strcmp(knob, "max-lag-millis") == 0)
		return xasprintf("%" PRId64, rt->max_lag_millis);
	if (strcmp(knob, "nice-ratio") == 0)
		return control_float(rt->nice_ratio);
	if (strcmp(knob, "max-load") == 0)
		return control_load_text(rt->max_load);
	if (strcmp(knob, "critical-load") == 0)
		return control_load_text(rt->critical_load);
	if (strcmp(knob, "throttle-query") == 0)
		return xstrdup(rt->throttle_query != NULL ? rt->throttle_query : "");
	if (strcmp(knob, "throttle-http") == 0)
		return xstrdup(rt->throttle_http != NULL ? rt->throttle_http : "");
	if (strcmp(knob, "throttle-control-replicas") == 0)
		return xstrdup(rt->throttle_control_replicas != NULL ?
		    rt->throttle_control_replicas : "");
	return xstrdup("");
}

/* Clamp v into [lo, hi] the way gh-ost's setters do. */
static int64_t
control_clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

static int
op_set(void *arg, const char *knob, const char *value, char **cause)
{
	struct control	*c = arg;
	struct runtime	*rt = &c->ctx->rt;
	struct loadmap	*m;
	int64_t		 n = strtoll(value, NULL, 10);
	double		 d;
	char		**hosts, *host;
	size_t		 count, i;
	int		 port;

	/* Numbers are syntax-checked by the server; ranges clamp as gh-ost's
	 * setters clamp them. */
	if (strcmp(knob, "chunk-size") == 0) {
		/* The user's size, fixed from now on (no --chunk-time). */
		rt->chunk_size = control_clamp(n, 10, 100000);
		rt->chunk_time = 0;
	} else if (strcmp(knob, "dml-batch-size") == 0)
		rt->dml_batch_size = control_clamp(n, 1, 1000);
	else if (strcmp(knob, "max-lag-millis") == 0)
		rt->max_lag_millis = n < 100 ? 100 : n;
	else if (strcmp(knob, "nice-ratio") == 0) {
		d = strtod(value, NULL);
		if (isnan(d))
			d = 0;
		rt->nice_ratio = d < 0 ? 0 : (d > 100 ? 100 : d);
	} else if (strcmp(knob, "max-load") == 0 ||
	    strcmp(knob, "critical-load") == 0) {
		if ((m = loadmap_parse(value, cause)) == NULL)
			return -1;
		loadmap_free(m);
		runtime_set_string(strcmp(knob, "max-load") == 0 ? &rt->max_load :
		    &rt->critical_load, value);
	} else if (strcmp(knob, "throttle-query") == 0)
		runtime_set_string(&rt->throttle_query, value);
	else if (strcmp(knob, "throttle-http") == 0)
		runtime_set_string(&rt->throttle_http, value);
	else if (strcmp(knob, "throttle-control-replicas") == 0) {
		hosts = util_split(value, ',', &count);
		for (i = 0; i < count; i++) {
			if (util_parse_host_port(hosts[i], 3306, &host, &port) != 0) {
				*cause = xasprintf("cannot parse \"%s\" as host:port",
				    hosts[i]);
				util_free_strv(hosts);
				return -1;
			}
			free(host);
		}
		util_free_strv(hosts);
		runtime_set_string(&rt->throttle_control_replicas, value);
	} else {
		*cause = xasprintf("unknown setting: %s", knob);
		return -1;
	}
	if (c->engine != NULL)
		engine_poke(c->engine);
	return 0;
}

static void
op_throttle(void *arg, bool on)
{
	struct control	*c = arg;

	c->ctx->rt.user_throttle = on;
	if (c->engine != NULL)
		engine_poke(c->engine);
}

static int
op_postpone(void *arg, const char *path, char **cause)
{
	struct control	*c = arg;

	if (!util_file_exists(path) && util_touch(path) != 0) {
		*cause = xasprintf("failed to create postpone cut-over flag file "
		    "%s: %s", path, strerror(errno));
		return -1;
	}
	runtime_set_string(&c->ctx->rt.postpone_flag_file, path);
	return 0;
}

static int
op_unpostpone(void *arg, char **cause)
{
	struct control	*c = arg;

	if (c->engine == NULL || !engine_postponing(c->engine)) {
		*cause = NULL;	/* the server answers SERVER_NOT_POSTPONING */
		return -1;
	}
	c->ctx->rt.unpostpone = true;
	engine_poke(c->engine);
	return 0;
}

/* The panic, on a later turn: the server must not be freed from its own
 * callback. */
static void
control_panic_cb(evutil_socket_t fd, short what, void *arg)
{
	struct control	*c = arg;
	char		*cause = c->panic_cause;

	c->panic_cause = NULL;
	if (cause != NULL)
		c->fail(c->fail_arg, cause);
}

static void
op_panic(void *arg)
{
	struct control	*c = arg;
	struct timeval	 tv = { 0, 0 };

	if (c->panic_cause != NULL)
		return;
	c->panic_cause = xstrdup(SERVER_PANIC_MESSAGE);
	evtimer_add(c->panic_ev, &tv);
}

static void
op_hook(void *arg, const char *command, void (*done)(void *, char *),
    void *done_arg)
{
	struct control	*c = arg;
	char		*var = hooks_var_command(command);
	const char	*extra[] = { var, NULL };

	control_hook(c, HOOK_INTERACTIVE_COMMAND, extra, done, done_arg);
	free(var);
}

/* ---- lifecycle ---- */

/* Create the control plane (hooks ready; no server yet). */
struct control *
control_create(struct migration_ctx *ctx, void (*fail)(void *, char *),
    void *arg)
{
	struct control	*c;

	c = xcalloc(1, sizeof *c);
	c->ctx = ctx;
	c->fail = fail;
	c->fail_arg = arg;
	c->hooks = hooks_create(ctx->base, ctx->cfg->hooks_path);
	c->panic_ev = evtimer_new(ctx->base, control_panic_cb, c);
	if (c->panic_ev == NULL)
		fatalx("control_create: evtimer_new failed");
	if (gethostname(c->host, sizeof c->host) != 0)
		snprintf(c->host, sizeof c->host, "localhost");
	c->host[sizeof c->host - 1] = '\0';
	return c;
}

/* Listen for commands. */
int
control_serve(struct control *c, char **cause)
{
	const struct config	*cfg = c->ctx->cfg;
	struct server_config	 sc;
	struct server_ops	 ops;

	memset(&sc, 0, sizeof sc);
	sc.socket_path = cfg->serve_socket_file;
	sc.drop_socket = cfg->initially_drop_socket_file;
	sc.tcp_port = cfg->serve_tcp_port;
	sc.table = c->ctx->table;
	sc.force_named_cut_over = cfg->force_named_cut_over;
	sc.force_named_panic = cfg->force_named_panic;
	memset(&ops, 0, sizeof ops);
	ops.arg = c;
	ops.status = op_status;
	ops.coordinates = op_coordinates;
	ops.applier = op_applier;
	ops.inspector = op_inspector;
	ops.get = op_get;
	ops.set = op_set;
	ops.throttle = op_throttle;
	ops.postpone = op_postpone;
	ops.unpostpone = op_unpostpone;
	ops.panic = op_panic;
	ops.hook = op_hook;
	if ((c->server = server_create(c->ctx->base, &sc, &ops, cause)) == NULL)
		return -1;
	return 0;
}

/* The engine exists now. */
void
control_set_engine(struct control *c, struct engine *e)
{
	c->engine = e;
}

/* Free everything: running hooks are killed, queued continuations are
 * dropped (the migration is over). */
void
control_free(struct control *c)
{
	struct hookreq	*r;

	if (c == NULL)
		return;
	server_free(c->server);
	hooks_free(c->hooks);
	if (c->running != NULL) {
		free(c->running->name);
		util_free_strv(c->running->extra);
		free(c->running);
	}
	while ((r = c->head) != NULL) {
		c->head = r->next;
		free(r->name);
		util_free_strv(r->extra);
		free(r);
	}
	event_free(c->panic_ev);
	free(c->panic_cause);
	free(c);
}
