/* metrics.c: gh-ost's StatsD metrics, aggregated and sent from the loop. */
#include "common.h"

#include <fcntl.h>
#include <malloc.h>
#include <math.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <event2/event.h>

#include "metrics.h"

#define METRICS_DEFAULT_PORT	8125

enum metric_type {
	METRIC_GAUGE,
	METRIC_COUNT,
	METRIC_HISTOGRAM,
};

static const char *metric_symbols[] = { "g", "c", "h" };

/* One aggregation context: a name, its tags and what was seen of it since
 * the last flush. */
struct metric {
	enum metric_type	 type;
	char			*name;
	char			*tags;		/* "k:v,k:v" or "" */
	double			 gauge;		/* the last value */
	int64_t			 count;		/* the sum */
	double			*samples;	/* histogram, at most MAX */
	size_t			 nsamples;
	uint64_t		 seen;		/* histogram samples offered */
};

struct metrics {
	/* Where datagrams go: a socket, or a test's function. */
	int			 fd;
	bool			 unix_path;	/* connect lazily, by path */
	struct sockaddr_un	 sun;
	void			(*send)(void *, const char *, size_t);
	void			*send_arg;
	uint64_t		 dropped;

	char			*global_tags;	/* joined, or "" */
	struct metric		*v;
	size_t			 n;
	size_t			 cap;
	unsigned		 seed;		/* histogram sampling */

	struct event		*flush_timer;
	struct event		*runtime_timer;

	/* The throttle state last seen (gh-ost's recordThrottleMetrics). */
	bool			 throttled;
	uint64_t		 active_emitted_ms;	/* 0: never */
	uint64_t		 throttle_start_ms;	/* 0: not throttling */
	char			*throttle_reason;
};

/* ---- formatting ---- */

/* Append v as Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest
 * decimal digits that read back as v, written without an exponent. */
void
metrics_format_float(struct buf *b, double v)
{
	char	 tmp[64], digits[32], *p, *e;
	int	 prec, exp, ndigits, i;

	if (isnan(v)) {
		buf_adds(b, "NaN");
		return;
	}
	if (isinf(v)) {
		buf_adds(b, v > 0 ? "+Inf" : "-Inf");
		return;
	}
	for (prec = 0; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	/* tmp is "[-]d[.ddd]e[+-]xx": split into digits and exponent. */
	p = tmp;
	if (*p == '-') {
		buf_addc(b, '-');
		p++;
	}
	e = strchr(p, 'e');
	exp = atoi(e + 1);
	ndigits = 0;
	for (; p < e; p++) {
		if (isdigit((unsigned char)*p))
			digits[ndigits++] = *p;
	}
	while (ndigits > 1 && digits[ndigits - 1] == '0')
		ndigits--;
	if (exp >= ndigits - 1) {		/* an integer */
		buf_add(b, digits, (size_t)ndigits);
		for (i = 0; i < exp - (ndigits - 1); i++)
			buf_addc(b, '0');
	} else if (exp >= 0) {			/* d.ddd */
		buf_add(b, digits, (size_t)exp + 1);
		buf_addc(b, '.');
		buf_add(b, digits + exp + 1, (size_t)(ndigits - exp - 1));
	} else {				/* 0.000ddd */
		buf_adds(b, "0.");
		for (i = 0; i < -exp - 1; i++)
			buf_addc(b, '0');
		buf_add(b, digits, (size_t)ndigits);
	}
}

/* Append s without its newlines (a tag must stay on its line). */
static void
metrics_add_tag_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s != '\n')
			buf_addc(b, *s);
	}
}

/* "|#global,tags" or nothing. */
static void
metrics_add_tags(const struct metrics *m, struct buf *b, const char *tags)
{
	if (*m->global_tags == '\0' && *tags == '\0')
		return;
	buf_adds(b, "|#");
	buf_adds(b, m->global_tags);
	if (*m->global_tags != '\0' && *tags != '\0')
		buf_addc(b, ',');
	buf_adds(b, tags);
}

/* The global tags: --statsd-tags, then the DD_* environment, joined. */
static char *
metrics_global_tags(char *const *tags)
{
	static const struct {
		const char	*env;
		const char	*tag;
	} env_tags[] = {
		{ "DD_ENTITY_ID", "dd.internal.entity_id" },
		{ "DD_ENV", "env" },
		{ "DD_SERVICE", "service" },
		{ "DD_VERSION", "version" },
	};
	struct buf	 b = BUF_INIT;
	const char	*v;
	size_t		 i;

	buf_adds(&b, "");
	for (; tags != NULL && *tags != NULL; tags++) {
		if (b.len > 0)
			buf_addc(&b, ',');
		metrics_add_tag_text(&b, *tags);
	}
	for (i = 0; i < nitems(env_tags); i++) {
		if ((v = getenv(env_tags[i].env)) == NULL || *v == '\0')
			continue;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_addf(&b, "%s:", env_tags[i].tag);
		metrics_add_tag_text(&b, v);
	}
	return buf_detach(&b);
}

/* ---- sending ---- */

/* Hand one datagram to the socket; never wait. */
static void
metrics_send(struct metrics *m, const char *data, size_t len)
{
	if (m->send != NULL) {
		m->send(m->send_arg, data, len);
		return;
	}
	if (m->fd == -1 && m->unix_path) {
		/* The agent's socket may appear after we start. */
		m->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
		if (m->fd != -1 && connect(m->fd, (struct sockaddr *)&m->sun,
		    sizeof m->sun) != 0) {
			close(m->fd);
			m->fd = -1;
		}
	}
	if (m->fd == -1 || send(m->fd, data, len, MSG_DONTWAIT) < 0) {
		if (m->dropped++ == 0)
			log_debugf("dropping metrics: %s", m->fd == -1 ?
			    "not connected" : strerror(errno));
		if (m->unix_path && m->fd != -1 && errno != EAGAIN &&
		    errno != EWOULDBLOCK) {
			close(m->fd);	/* the agent went away: reconnect */
			m->fd = -1;
		}
	}
}

/* Add one line to the datagram, sending the datagram first when the line
 * would not fit. */
static void
metrics_put_line(struct metrics *m, struct buf *dgram, const struct buf *line)
{
	if (dgram->len > 0 && dgram->len + line->len > METRICS_MAX_PAYLOAD) {
		metrics_send(m, dgram->data, dgram->len);
		buf_reset(dgram);
	}
	buf_add(dgram, line->data, line->len);
}

/* The lines of one context into the datagram. */
static void
metrics_put_metric(struct metrics *m, struct buf *dgram, const struct metric *x)
{
	struct buf	 line = BUF_INIT, tail = BUF_INIT, head = BUF_INIT;
	size_t		 i, before;

	buf_addf(&head, "%s%s:", METRICS_NAMESPACE, x->name);
	buf_addf(&tail, "|%s", metric_symbols[x->type]);
	if (x->type == METRIC_HISTOGRAM && x->seen > x->nsamples) {
		buf_adds(&tail, "|@");
		metrics_format_float(&tail, (double)x->nsamples / (double)x->seen);
	}
	metrics_add_tags(m, &tail, x->tags);
	buf_addc(&tail, '\n');

	switch (x->type) {
	case METRIC_GAUGE:
	case METRIC_COUNT:
		buf_add(&line, head.data, head.len);
		if (x->type == METRIC_GAUGE)
			metrics_format_float(&line, x->gauge);
		else
			buf_addf(&line, "%" PRId64, x->count);
		buf_add(&line, tail.data, tail.len);
		metrics_put_line(m, dgram, &line);
		break;
	case METRIC_HISTOGRAM:
		/* "name:v1:v2:...|h", split into lines that fit a datagram. */
		for (i = 0; i < x->nsamples; i++) {
			before = line.len;
			if (line.len == 0)
				buf_add(&line, head.data, head.len);
			else
				buf_addc(&line, ':');
			metrics_format_float(&line, x->samples[i]);
			if (before > 0 && line.len + tail.len > METRICS_MAX_PAYLOAD) {
				buf_truncate(&line, before);
				buf_add(&line, tail.data, tail.len);
				metrics_put_line(m, dgram, &line);
				buf_reset(&line);
				i--;	/* this value starts the next line */
			}
		}
		if (line.len > 0) {
			buf_add(&line, tail.data, tail.len);
			metrics_put_line(m, dgram, &line);
		}
		break;
	}
	buf_release(&line);
	buf_release(&tail);
	buf_release(&head);
}

/* Free a context's contents. */
static void
metric_release(struct metric *x)
{
	free(x->name);
	free(x->tags);
	free(x->samples);
}

/* Send everything aggregated since the last flush, and forget it. */
void
metrics_flush(struct metrics *m)
{
	struct buf	dgram = BUF_INIT;
	size_t		i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		metrics_put_metric(m, &dgram, &m->v[i]);
		metric_release(&m->v[i]);
	}
	m->n = 0;
	if (dgram.len > 0)
		metrics_send(m, dgram.data, dgram.len);
	buf_release(&dgram);
}

/* ---- aggregation ---- */

/* The context of (type, name, tags), created when new. */
static struct metric *
metrics_context(struct metrics *m, enum metric_type type, const char *name,
    const char *tags)
{
	struct metric	*x;
	struct buf	 t = BUF_INIT;
	size_t		 i;

	if (tags == NULL)
		tags = "";
	for (i = 0; i < m->n; i++) {
		x = &m->v[i];
		if (x->type == type && strcmp(x->name, name) == 0 &&
		    strcmp(x->tags, tags) == 0)
			return x;
	}
	if (m->n == m->cap) {
		m->cap = m->cap == 0 ? 16 : m->cap * 2;
		m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
	}
	x = &m->v[m->n++];
	memset(x, 0, sizeof *x);
	x->type = type;
	x->name = xstrdup(name);
	buf_adds(&t, "");
	metrics_add_tag_text(&t, tags);
	x->tags = buf_detach(&t);
	return x;
}

/* A gauge: the last value wins. */
void
metrics_gauge(struct metrics *m, const char *name, double v, const char *tags)
{
	if (m != NULL)
		metrics_context(m, METRIC_GAUGE, name, tags)->gauge = v;
}

/* A count: values add up. */
void
metrics_count(struct metrics *m, const char *name, int64_t v, const char *tags)
{
	if (m != NULL)
		metrics_context(m, METRIC_COUNT, name, tags)->count += v;
}

/* A histogram sample; beyond METRICS_MAX_SAMPLES a uniform sample of them
 * is kept (reservoir sampling) and the rate says how many were seen. */
void
metrics_histogram(struct metrics *m, const char *name, double v,
    const char *tags)
{
	struct metric	*x;
	uint64_t	 j;

	if (m == NULL)
		return;
	x = metrics_context(m, METRIC_HISTOGRAM, name, tags);
	if (x->samples == NULL)
		x->samples = xcalloc(METRICS_MAX_SAMPLES, sizeof *x->samples);
	if (x->nsamples < METRICS_MAX_SAMPLES)
		x->samples[x->nsamples++] = v;
	else {
		j = (uint64_t)rand_r(&m->seed) % (x->seen + 1);
		if (j < METRICS_MAX_SAMPLES)
			x->samples[j] = v;
	}
	x->seen++;
}

/* ---- gh-ost's emitters ---- */

/* Row copy and DML progress. */
void
metrics_emit_progress(struct metrics *m, int64_t copied, int64_t estimate,
    int64_t dml_applied)
{
	metrics_gauge(m, "row_copy.rows_copied", (double)copied, NULL);
	metrics_gauge(m, "row_copy.rows_estimate", (double)estimate, NULL);
	metrics_gauge(m, "dml.events_applied", (double)dml_applied, NULL);
}

/* The apply queue's depth. */
void
metrics_emit_backlog(struct metrics *m, int64_t size, int64_t capacity)
{
	double	u = 0;

	if (capacity > 0) {
		u = (double)size / (double)capacity;
		u = u > 1 ? 1 : u < 0 ? 0 : u;
	}
	metrics_gauge(m, "binlog.backlog_size", (double)size, NULL);
	metrics_gauge(m, "binlog.backlog_capacity", (double)capacity, NULL);
	metrics_gauge(m, "binlog.backlog_utilization", u, NULL);
}

/* Replication and heartbeat lag, tagged with the throttle state. */
void
metrics_emit_lag(struct metrics *m, double replication_seconds,
    double heartbeat_seconds, bool throttled)
{
	const char	*tags = throttled ? "throttled:true" : "throttled:false";

	metrics_gauge(m, "lag.replication_seconds", replication_seconds, tags);
	metrics_gauge(m, "lag.heartbeat_seconds", heartbeat_seconds, tags);
}

/* Throttle state transitions. */
void
metrics_throttle(struct metrics *m, bool throttled, const char *reason,
    uint64_t now_ms)
{
	char	*tags;

	if (m == NULL)
		return;
	if (throttled != m->throttled || m->active_emitted_ms == 0 ||
	    now_ms - m->active_emitted_ms >= 1000) {
		metrics_gauge(m, "throttle.active", throttled ? 1 : 0, NULL);
		m->active_emitted_ms = now_ms != 0 ? now_ms : 1;
	}
	if (throttled && !m->throttled) {
		m->throttle_start_ms = now_ms != 0 ? now_ms : 1;
		free(m->throttle_reason);
		m->throttle_reason = xstrdup(reason != NULL ? reason : "");
	} else if (!throttled && m->throttled && m->throttle_start_ms != 0) {
		tags = xasprintf("reason:%s", m->throttle_reason);
		metrics_histogram(m, "throttle.duration_milliseconds",
		    (double)(now_ms - m->throttle_start_ms), tags);
		metrics_count(m, "throttle.events_total", 1, tags);
		free(tags);
		m->throttle_start_ms = 0;
	}
	m->throttled = throttled;
}

/* One step of a cut-over attempt. */
void
metrics_cutover_phase(struct metrics *m, const char *phase, uint64_t ms,
    bool ok)
{
	char	*tags;

	if (m == NULL)
		return;
	tags = xasprintf("phase:%s,outcome:%s", phase, ok ? "success" : "abort");
	metrics_histogram(m, "cut_over.phase_duration_milliseconds", (double)ms,
	    tags);
	free(tags);
}

/* An attempt ended: success, retry (it failed) or abort (no more). */
void
metrics_cutover_attempt(struct metrics *m, const char *outcome)
{
	char	*tags;

	if (m == NULL)
		return;
	tags = xasprintf("outcome:%s", outcome);
	metrics_count(m, "cut_over.attempts_total", 1, tags);
	free(tags);
}

/* The whole cut-over, first attempt to the end. */
void
metrics_cutover_total(struct metrics *m, uint64_t ms, bool ok)
{
	metrics_histogram(m, "cut_over.total_duration_milliseconds", (double)ms,
	    ok ? "outcome:success" : "outcome:abort");
}

/* A deliberate wait. */
void
metrics_sleep(struct metrics *m, const char *stage, uint64_t ms)
{
	char	*tags;

	if (m == NULL)
		return;
	tags = xasprintf("stage:%s", stage);
	metrics_histogram(m, "sleep.duration_milliseconds", (double)ms, tags);
	metrics_count(m, "sleep.total_milliseconds", (int64_t)ms, tags);
	free(tags);
}

/* A query of the copy, the apply or the count. */
void
metrics_query(struct metrics *m, const char *side, const char *kind,
    uint64_t ms, bool ok)
{
	char	*tags;

	if (m == NULL)
		return;
	tags = xasprintf("side:%s,kind:%s,outcome:%s", side, kind,
	    ok ? "ok" : "error");
	metrics_histogram(m, "query.duration_milliseconds", (double)ms, tags);
	free(tags);
}

/* ---- the process's own numbers ---- */

/* A small /proc file into buf (NUL-terminated); 0 or -1. */
static int
metrics_read_proc(const char *path, char *buf, size_t size)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* The go_runtime gauges, in a C process's terms (metrics.h). */
static void
metrics_emit_runtime(struct metrics *m)
{
	struct mallinfo2	 mi = mallinfo2();
	char			 text[1024], *p;
	long			 pages = 0, threads = 0;
	int			 field;

	/* /proc/self/statm: size resident ... (pages). */
	if (metrics_read_proc("/proc/self/statm", text, sizeof text) == 0 &&
	    (p = strchr(text, ' ')) != NULL)
		pages = strtol(p + 1, NULL, 10);
	/* /proc/self/stat: num_threads is field 20; the command name (2)
	 * may hold spaces, so count from its closing parenthesis. */
	if (metrics_read_proc("/proc/self/stat", text, sizeof text) == 0 &&
	    (p = strrchr(text, ')')) != NULL) {
		for (field = 2; field < 20 && p != NULL; field++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			threads = strtol(p + 1, NULL, 10);
	}
	metrics_gauge(m, "go_runtime.alloc_bytes",
	    (double)(mi.uordblks + mi.hblkhd), NULL);
	metrics_gauge(m, "go_runtime.sys_bytes",
	    (double)pages * (double)sysconf(_SC_PAGESIZE), NULL);
	metrics_gauge(m, "go_runtime.heap_inuse_bytes",
	    (double)(mi.arena + mi.hblkhd), NULL);
	metrics_gauge(m, "go_runtime.num_gc", 0, NULL);
	metrics_gauge(m, "go_runtime.gc_pause_total_ns", 0, NULL);
	metrics_gauge(m, "go_runtime.goroutines", (double)threads, NULL);
}

static void
metrics_runtime_cb(evutil_socket_t fd, short what, void *arg)
{
	metrics_emit_runtime(arg);
}

/* Sample now and every seconds. */
void
metrics_start_runtime(struct metrics *m, int64_t seconds)
{
	struct timeval	tv;

	if (m == NULL || seconds <= 0)
		return;
	metrics_emit_runtime(m);
	if (m->runtime_timer == NULL)
		return;		/* a sink: no loop */
	tv.tv_sec = (time_t)seconds;
	tv.tv_usec = 0;
	event_add(m->runtime_timer, &tv);
}

/* ---- lifecycle ---- */

static void
metrics_flush_cb(evutil_socket_t fd, short what, void *arg)
{
	metrics_flush(arg);
}

/* The common part of both constructors. */
static struct metrics *
metrics_new(char *const *tags)
{
	struct metrics	*m = xcalloc(1, sizeof *m);

	m->fd = -1;
	m->global_tags = metrics_global_tags(tags);
	m->seed = (unsigned)getpid();
	return m;
}

/* For tests: datagrams to a function. */
struct metrics *
metrics_create_sink(char *const *tags, void (*send)(void *, const char *,
    size_t), void *arg)
{
	struct metrics	*m = metrics_new(tags);

	m->send = send;
	m->send_arg = arg;
	return m;
}

/* A UDP socket connected to host:port (port 8125 when omitted). */
static int
metrics_open_udp(struct metrics *m, const char *addr, char **cause)
{
	struct addrinfo	 hints, *res, *ai;
	char		*host, port[16];
	int		 p, rc;

	if (util_parse_host_port(addr, METRICS_DEFAULT_PORT, &host, &p) != 0) {
		*cause = xasprintf("cannot parse address: %s", addr);
		return -1;
	}
	snprintf(port, sizeof port, "%d", p);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		*cause = xasprintf("cannot resolve %s: %s", host,
		    gai_strerror(rc));
		free(host);
		return -1;
	}
	free(host);
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		m->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (m->fd == -1)
			continue;
		if (connect(m->fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(m->fd);
		m->fd = -1;
	}
	rc = errno;
	freeaddrinfo(res);
	if (m->fd == -1) {
		*cause = xasprintf("cannot connect to %s: %s", addr, strerror(rc));
		return -1;
	}
	return 0;
}

/* Open the socket and arm the flush timer. */
int
metrics_create(struct event_base *base, const char *addr, char *const *tags,
    struct metrics **out, char **cause)
{
	struct metrics	*m;
	const char	*path = NULL;
	struct timeval	 tv = { METRICS_FLUSH_MS / 1000, 0 };

	*out = NULL;
	if (addr == NULL || *addr == '\0')
		return 0;
	if (strncmp(addr, "unixstream://", 13) == 0) {
		*cause = xstrdup("unixstream:// addresses are not supported; use "
		    "unix:// or unixgram:// (datagrams)");
		return -1;
	}
	if (strncmp(addr, "unix://", 7) == 0)
		path = addr + 7;
	else if (strncmp(addr, "unixgram://", 11) == 0)
		path = addr + 11;
	m = metrics_new(tags);
	if (path != NULL) {
		if (*path == '\0' || strlen(path) >= sizeof m->sun.sun_path) {
			*cause = xasprintf("bad unix socket path: %s", addr);
			metrics_free(m);
			return -1;
		}
		m->unix_path = true;
		m->sun.sun_family = AF_UNIX;
		memcpy(m->sun.sun_path, path, strlen(path) + 1);
	} else if (metrics_open_udp(m, addr, cause) != 0) {
		metrics_free(m);
		return -1;
	}
	m->flush_timer = event_new(base, -1, EV_PERSIST, metrics_flush_cb, m);
	m->runtime_timer = event_new(base, -1, EV_PERSIST, metrics_runtime_cb, m);
	if (m->flush_timer == NULL || m->runtime_timer == NULL)
		fatalx("metrics_create: event_new failed");
	event_add(m->flush_timer, &tv);
	log_info("metrics: DogStatsD client connected to %s (namespace: %s)",
	    addr, METRICS_NAMESPACE);
	*out = m;
	return 0;
}

/* Flush, close, free. */
void
metrics_free(struct metrics *m)
{
	size_t	i;

	if (m == NULL)
		return;
	metrics_flush(m);
	if (m->flush_timer != NULL)
		event_free(m->flush_timer);
	if (m->runtime_timer != NULL)
		event_free(m->runtime_timer);
	if (m->fd != -1)
		close(m->fd);
	for (i = 0; i < m->n; i++)
		metric_release(&m->v[i]);
	free(m->v);
	free(m->global_tags);
	free(m->throttle_reason);
	free(m);
}
