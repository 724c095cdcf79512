/* metrics.h: gh-ost's StatsD metrics (go/metrics), sent from the loop.
 *
 * --statsd-addr host:port (UDP; port 8125 when omitted) or unix:///path,
 * unixgram:///path (a unix datagram socket). Every metric is named
 * "gh_ost.<name>" and sent in DogStatsD's format, as gh-ost's client does:
 *
 *   gh_ost.<name>:<value>|<g|c|h>[|@<rate>][|#<global tags>,<tags>]\n
 *
 * Global tags are the --statsd-tags values, in order, then DD_ENTITY_ID,
 * DD_ENV, DD_SERVICE, DD_VERSION from the environment
 * (dd.internal.entity_id:, env:, service:, version:). Values print like
 * Go's strconv 'f' -1 (shortest exact decimal, no exponent).
 *
 * Like gh-ost's client (client-side aggregation, 5 s), metrics are kept per
 * name and tags and sent every 5 s and when the migration ends: a gauge's
 * last value, a count's sum, a histogram's samples (at most 1000 per
 * interval, then a uniform sample and @rate) as "name:v1:v2:...|h".
 * Datagrams hold whole lines, at most 8172 bytes. Sending never blocks: a
 * datagram the socket cannot take now is dropped, as UDP would.
 *
 * What wisp sends (gh-ost's names, types and tags):
 *   startup                              count, once
 *   row_copy.rows_copied                 gauge, every second
 *   row_copy.rows_estimate               gauge, every second
 *   dml.events_applied                   gauge, every second
 *   binlog.backlog_size, _capacity       gauge, every second
 *   binlog.backlog_utilization           gauge (0..1), every second
 *   lag.replication_seconds              gauge throttled:true|false
 *   lag.heartbeat_seconds                gauge throttled:true|false
 *   throttle.active                      gauge 1|0, on change and each second
 *   throttle.duration_milliseconds       histogram reason:<why>, at its end
 *   throttle.events_total                count reason:<why>
 *   cut_over.phase_duration_milliseconds histogram phase:magic_lock|
 *                                        original_table_lock|magic_rename|
 *                                        unlock, outcome:success|abort
 *   cut_over.attempts_total              count outcome:success|retry|abort
 *   cut_over.total_duration_milliseconds histogram outcome:success|abort
 *   sleep.duration_milliseconds          histogram stage:chunk_throttle|
 *                                        retry_backoff|cut_over_postpone
 *   sleep.total_milliseconds             count stage:<same>
 *   query.duration_milliseconds          histogram side:source|target,
 *                                        kind:range_select|chunk_copy|
 *                                        binlog_apply|row_count,
 *                                        outcome:ok|error
 *   go_runtime.*                         gauges every --runtime-metrics-
 *                                        interval seconds (see below)
 * The go_runtime names are kept so that gh-ost's dashboards work; for a C
 * process they mean: alloc_bytes malloc'd bytes in use, sys_bytes resident
 * memory, heap_inuse_bytes the bytes malloc holds from the system,
 * goroutines the process's threads; num_gc and gc_pause_total_ns are 0
 * (no garbage collector). */
#ifndef WISP_METRICS_H
#define WISP_METRICS_H

struct event_base;
struct metrics;

#define METRICS_NAMESPACE	"gh_ost."
#define METRICS_MAX_PAYLOAD	8172	/* bytes per datagram */
#define METRICS_MAX_SAMPLES	1000	/* histogram samples per interval */
#define METRICS_FLUSH_MS	5000

/* Everything below accepts a NULL struct metrics and then does nothing:
 * that is --statsd-addr unset. */

/* Open the socket and arm the flush timer. *out is NULL (and 0 returned)
 * when addr is NULL or empty. -1 with *cause ("cannot resolve ...") when
 * the address is unusable. */
int	metrics_create(struct event_base *, const char *addr,
	    char *const *tags, struct metrics **out, char **cause);
/* Send what is pending, close, free. */
void	metrics_free(struct metrics *);
/* Send what is pending now. */
void	metrics_flush(struct metrics *);
/* The go_runtime gauges now and every seconds (> 0) from now on. */
void	metrics_start_runtime(struct metrics *, int64_t seconds);

/* One sample. tags: "k:v,k:v" or NULL, after the global tags. */
void	metrics_gauge(struct metrics *, const char *name, double,
	    const char *tags);
void	metrics_count(struct metrics *, const char *name, int64_t,
	    const char *tags);
void	metrics_histogram(struct metrics *, const char *name, double,
	    const char *tags);

/* gh-ost's emitters (emit.go). */
void	metrics_emit_progress(struct metrics *, int64_t copied,
	    int64_t estimate, int64_t dml_applied);
void	metrics_emit_backlog(struct metrics *, int64_t size, int64_t capacity);
void	metrics_emit_lag(struct metrics *, double replication_seconds,
	    double heartbeat_seconds, bool throttled);
/* The throttle state now: throttle.active on a change or once a second;
 * a throttled interval's duration and count (tagged with the reason it
 * began with) when it ends. */
void	metrics_throttle(struct metrics *, bool throttled, const char *reason,
	    uint64_t now_ms);
void	metrics_cutover_phase(struct metrics *, const char *phase,
	    uint64_t ms, bool ok);
void	metrics_cutover_attempt(struct metrics *, const char *outcome);
void	metrics_cutover_total(struct metrics *, uint64_t ms, bool ok);
void	metrics_sleep(struct metrics *, const char *stage, uint64_t ms);
void	metrics_query(struct metrics *, const char *side, const char *kind,
	    uint64_t ms, bool ok);

/* ---- pure parts, for tests ---- */

/* A metrics object that hands each datagram to send instead of a socket
 * (no loop, no timer); tags as metrics_create's, environment included. */
struct metrics *metrics_create_sink(char *const *tags,
		    void (*send)(void *, const char *, size_t), void *arg);
/* Append v as Go's strconv.FormatFloat(v, 'f', -1, 64) does. */
void	metrics_format_float(struct buf *, double);

#endif
