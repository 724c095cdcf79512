/* status.c: the progress line and when to print it. */
#include "common.h"

#include "status.h"

/* Rows copied against the estimate, in percent. */
double
status_progress(const struct status_snapshot *s)
{
	int64_t	estimate = s->copy_complete ? s->rows_copied : s->rows_estimate;

	if (estimate <= 0)
		return 100.0;
	return 100.0 * (double)s->rows_copied / (double)estimate;
}

/* Seconds left, from the recent rate or else the average so far. */
int64_t
status_eta_seconds(const struct status_snapshot *s)
{
	double	pct = status_progress(s), left, secs;
	int64_t	estimate = s->copy_complete ? s->rows_copied : s->rows_estimate;

	if (s->postponing || pct >= 100.0)
		return 0;
	if (pct < 0.1 || s->rows_copied <= 0)
		return -1;
	left = (double)(estimate - s->rows_copied);
	if (s->rows_per_second > 0)
		secs = left / (double)s->rows_per_second;
	else {
		double elapsed = (double)s->copy_elapsed_ms / 1000.0;

		secs = elapsed * (double)estimate / (double)s->rows_copied - elapsed;
	}
	return secs > 0 ? (int64_t)secs : 0;
}

/* "due", "N/A" or a duration. */
void
status_format_eta(const struct status_snapshot *s, char *out, size_t len)
{
	int64_t	eta = status_eta_seconds(s);

	if (eta == 0)
		snprintf(out, len, "due");
	else if (eta < 0)
		snprintf(out, len, "N/A");
	else
		util_format_duration(out, len, (uint64_t)eta);
}

/* gh-ost's line, and wisp's fields after it. */
char *
status_line(const struct status_snapshot *s)
{
	char	eta[32], total[32], copy[32], ext[128] = "";
	int64_t	estimate = s->copy_complete ? s->rows_copied : s->rows_estimate;

	status_format_eta(s, eta, sizeof eta);
	util_format_duration(total, sizeof total, s->elapsed_ms / 1000);
	util_format_duration(copy, sizeof copy, s->copy_elapsed_ms / 1000);
	if (s->extended && s->chunks_at_once > 0)
		snprintf(ext, sizeof ext, "; Apply: %" PRId64 " rows/s; Chunks: "
		    "%u x %" PRId64 " rows", s->applied_per_second,
		    s->chunks_at_once, s->chunk_rows);
	else if (s->extended)
		snprintf(ext, sizeof ext, "; Apply: %" PRId64 " rows/s",
		    s->applied_per_second);
	return xasprintf("Copy: %" PRId64 "/%" PRId64 " %.1f%%; Applied: %" PRId64
	    "; Backlog: %zu/%zu; Time: %s(total), %s(copy); streamer: %s; "
	    "Lag: %.2fs, HeartbeatLag: %.2fs, State: %s; ETA: %s%s",
	    s->rows_copied, estimate, status_progress(s), s->dml_applied,
	    s->backlog, s->backlog_capacity, total, copy,
	    s->streamer != NULL ? s->streamer : "", s->lag_seconds,
	    s->heartbeat_lag_seconds, s->state != NULL ? s->state : "migrating",
	    eta, ext);
}

/* Is a line due at this elapsed second? */
bool
status_due(int64_t elapsed, int64_t eta, int64_t since_interest)
{
	if (elapsed <= 60)
		return true;
	if (eta >= 0 && eta <= 60)
		return true;
	if ((eta >= 0 && eta <= 180) || elapsed <= 180 ||
	    (since_interest >= 0 && since_interest <= 60))
		return elapsed % 5 == 0;
	return elapsed % 30 == 0;
}
