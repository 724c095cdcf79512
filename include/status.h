/* status.h: gh-ost's progress line, ETA and print cadence, from a snapshot.
 *
 * Pure: the migrator fills a snapshot once a second and asks whether and what
 * to print. The line is gh-ost's, word for word, since people and scripts
 * read it:
 *   Copy: 1000/2000 50.0%; Applied: 5; Backlog: 0/1000; Time: 10s(total),
 *   9s(copy); streamer: mysql-bin.000003:1234; Lag: 0.01s, HeartbeatLag:
 *   0.05s, State: migrating; ETA: 9s
 * wisp appends its own fields after gh-ost's last one, so that anything
 * that reads gh-ost's keeps working:
 *   ...; ETA: 9s; Apply: 2400 rows/s; Chunks: 2 x 5000 rows
 * (Chunks only while the row copy runs). */
#ifndef WISP_STATUS_H
#define WISP_STATUS_H

struct status_snapshot {
	int64_t		 rows_copied;
	int64_t		 rows_estimate;
	bool		 copy_complete;		/* estimate := copied */
	int64_t		 dml_applied;
	size_t		 backlog;
	size_t		 backlog_capacity;
	uint64_t	 elapsed_ms;		/* since the migration started */
	uint64_t	 copy_elapsed_ms;	/* since the row copy started */
	const char	*streamer;		/* "file:pos" */
	double		 lag_seconds;
	double		 heartbeat_lag_seconds;
	const char	*state;			/* migrating, throttled, ... */
	bool		 postponing;		/* ETA shows "due" */
	int64_t		 rows_per_second;	/* recent copy rate, 0 unknown */
	/* wisp's fields, appended only when extended is set. */
	bool		 extended;
	int64_t		 applied_per_second;	/* row changes applied */
	unsigned	 chunks_at_once;	/* 0: the copy is not running */
	int64_t		 chunk_rows;		/* rows per chunk now */
};

/* Percent of the estimate copied; 100 when the estimate is 0. */
double	status_progress(const struct status_snapshot *);
/* ETA in seconds: 0 = due, -1 = unknown (below 0.1% or no rate yet). */
int64_t	status_eta_seconds(const struct status_snapshot *);
/* The ETA as gh-ost prints it: "due", "N/A" or "1h2m3s". */
void	status_format_eta(const struct status_snapshot *, char *, size_t);
/* The status line, allocated. */
char	*status_line(const struct status_snapshot *);
/* gh-ost's cadence: every second for the first 60 s or while ETA <= 60 s,
 * every 5 s while ETA <= 180 s, elapsed <= 180 s or within 60 s of a point
 * of interest, else every 30 s. eta is -1 when unknown. */
bool	status_due(int64_t elapsed_s, int64_t eta_s, int64_t since_interest_s);

#endif
