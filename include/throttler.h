/* throttler.h: should copy and apply wait now, and why (gh-ost's
 * go/logic/throttler.go).
 *
 * Timed collectors on the event loop gather the facts; the decision is made
 * from the cached facts whenever it is asked for, so asking is cheap. Each
 * collector is a timer that re-arms itself, re-reading its interval and the
 * runtime knobs (ctx->rt) on every tick, keeps at most one query or request
 * in flight per session, and skips a tick while the previous one runs:
 *
 *   general    every 1 s, on one applier session ("throttler"), in gh-ost's
 *              order: the panic flag file (abort), --critical-load (abort,
 *              a second check after --critical-load-interval-millis, or
 *              hibernation for --critical-load-hibernate-seconds), the
 *              user's "throttle" command, the flag files, --max-load
 *              (show global status like 'Var'), --throttle-query (> 0).
 *   http       every --throttle-http-interval-millis: HEAD --throttle-http
 *              with --throttle-http-timeout-millis; non-200 throttles, a
 *              failed request throttles unless --ignore-http-errors.
 *   replicas   every 100 ms, reading each of --throttle-control-replicas
 *              once a second (every tick when --max-lag-millis < 1000): the
 *              changelog heartbeat through one session per replica, lag =
 *              now - heartbeat.
 *
 * The migration's own replication lag is the engine's (its heartbeat read
 * back through the binlog), asked through ops->lag at decision time.
 *
 * Reasons are gh-ost's words, in gh-ost's order (shouldThrottle):
 *   critical-load-hibernate until <Go time.Time>
 *   <general: "<Var> <error>" | commanded by user | flag-file |
 *             max-load <Var>=<v> >= <t> | throttle-query | leaving hibernation>
 *   http=<code>, or "<Message> (http=<code>)" for 200/404/417/429/500/-1
 *             ("freno: ..." messages when the URL contains "freno")
 *   lag=<s>s
 *   <host:port> <error> | <host:port> replica-lag=<s>s
 * Panic causes:
 *   found panic-file <path>. Aborting without cleanup
 *   critical-load met: <Var>=<v>, >=<t>
 *   critical-load met again after <ms> millis: <Var>=<v>, >=<t> */
#ifndef WISP_THROTTLER_H
#define WISP_THROTTLER_H

struct migration_ctx;
struct throttler;

/* What the throttler asks of its owner. Every member but arg may be NULL. */
struct throttler_ops {
	void	*arg;
	/* The inspected server's replication lag in seconds (the engine's
	 * heartbeat). */
	double	(*lag)(void *arg);
	/* Abort now; cause is allocated and owned by the callee. Called from
	 * a timer of its own, once; the callee may free the throttler. */
	void	(*panic)(void *arg, char *cause);
	/* The cut-over marker was written: with --test-on-replica or
	 * --migrate-on-replica control replicas are no longer checked. */
	bool	(*lock_injected)(void *arg);
};

struct throttler *throttler_create(struct migration_ctx *,
		    const struct throttler_ops *);
/* Arm the collectors (each runs at once, then on its interval) and open
 * the sessions they need. */
void		 throttler_start(struct throttler *);
/* Run the general collector now if it is idle (after "throttle",
 * "no-throttle" or a knob change), instead of at its next tick. */
void		 throttler_poke(struct throttler *);
/* The current decision: true and *reason (gh-ost's words, valid until the
 * next call or the free) when copy and apply must wait. reason may be
 * NULL. */
bool		 throttler_throttled(struct throttler *, const char **reason);
/* Hibernating after critical-load: nothing may read or write any server,
 * heartbeats included, until this turns false. */
bool		 throttler_hibernating(const struct throttler *);
/* Have the general and HTTP collectors each completed once (gh-ost waits
 * for this before it starts copying)? */
bool		 throttler_collected(const struct throttler *);
/* Stop everything and free; no callback is called afterwards. */
void		 throttler_free(struct throttler *);

/* ---- the decision, pure (no I/O), for tests and for the collectors ---- */

/* What one run of the general collector found, in the order it looks. */
struct throttle_general {
	/* A critical-load check failed: "<Var> <error>". */
	const char	*critical_error;
	bool		 user;			/* "throttle" command */
	bool		 flag_file;		/* --throttle-flag-file exists */
	bool		 additional_flag_file;	/* --throttle-additional-flag-file */
	/* A max-load check failed: "<Var> <error>". */
	const char	*max_load_error;
	/* The first --max-load variable at or over its threshold, or NULL. */
	const char	*max_load_var;
	int64_t		 max_load_value;
	int64_t		 max_load_threshold;
	int64_t		 query_result;		/* --throttle-query's, 0 if none */
};

/* The facts the decision weighs (gh-ost's shouldThrottle inputs). */
struct throttle_facts {
	int64_t		 hibernate_until_ns;	/* wall clock; 0 = awake */
	bool		 general;		/* the general collector's verdict */
	const char	*general_reason;
	int64_t		 http_status;		/* 0 = unknown, -1 = failed */
	bool		 http_freno;		/* the URL contains "freno" */
	double		 lag;			/* seconds */
	int64_t		 max_lag_millis;
	bool		 replica_known;		/* a control-replica result exists */
	const char	*replica_key;		/* host:port of the worst */
	const char	*replica_error;		/* its error, or NULL */
	double		 replica_lag;		/* else its lag, seconds */
	bool		 lock_injected;
	bool		 on_replica;	/* --test-on-replica or --migrate-on-replica */
};

/* The general collector's verdict from what it found; *reason is allocated
 * (NULL when not throttled). */
bool	throttle_general_decide(const struct throttle_general *, char **reason);
/* The throttle decision; *reason is allocated (NULL when not throttled). */
bool	throttle_decide(const struct throttle_facts *, char **reason);
/* gh-ost's text for a throttling HTTP status (throttleHttpMessage). */
char	*throttle_http_message(int64_t status, bool freno);
/* Go's time.Time.String() of a wall-clock instant in the local zone:
 * "2006-01-02 15:04:05.999999999 -0700 MST". */
char	*throttle_format_time(int64_t ns);
/* Parse an RFC 3339 time with optional fraction and zone (Z or +hh:mm),
 * the changelog heartbeat value, into ns since the epoch; 0 or -1. */
int	throttle_parse_heartbeat(const char *, int64_t *ns);

#endif
