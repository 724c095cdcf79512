/* dbseq.h: run a table of queries one after another on one connection.
 *
 * Most of inspection and setup is a fixed list of statements, each built from
 * what earlier ones found. A step builds its SQL (or returns NULL to be
 * skipped) and handles the result; the sequence stops at the first failure.
 * All on the event loop: dbseq_start returns at once and calls back at the
 * end. */
#ifndef WISP_DBSEQ_H
#define WISP_DBSEQ_H

struct dbconn;
struct dbresult;
struct dberror;
struct event;

/* What a step's done function returns. */
#define DBSEQ_NEXT	0	/* go on with the next step */
#define DBSEQ_FAIL	(-1)	/* stop; *cause says why */
#define DBSEQ_AGAIN	1	/* run this step again after retry_ms */
#define DBSEQ_STOP	2	/* stop here, successfully */

/* Flags of a step. */
#define DBSEQ_TOLERATE_ERROR 0x1	/* errors go to done with res NULL */

struct dbseq_step {
	const char	*what;	/* what the step does, for logs and errors */
	/* Build the SQL; NULL skips the step. Returns allocated text. */
	char		*(*sql)(void *arg);
	/* Handle the result (NULL for a statement without one, or for a
	 * tolerated error, then err is set); may be NULL. */
	int		 (*done)(void *arg, struct dbresult *,
			    const struct dberror *err, char **cause);
	int		 flags;
};

struct dbseq {
	struct dbconn		*conn;
	const struct dbseq_step	*steps;
	size_t			 nsteps;
	size_t			 next;
	unsigned		 retry_ms;
	struct event		*timer;
	void			*arg;		/* for the steps */
	/* Called once at the end with finish_arg; cause is NULL on success,
	 * else allocated and owned by the callee. */
	void			(*finish)(void *, char *cause);
	void			*finish_arg;
};

/* Start running steps on conn (which must be connected). */
void	dbseq_start(struct dbseq *, struct dbconn *, const struct dbseq_step *,
	    size_t, void *arg, void (*finish)(void *, char *), void *finish_arg);
/* Stop a sequence without calling finish; safe on an idle one. */
void	dbseq_release(struct dbseq *);
/* "Error 1146 (42S02): Table 'x' doesn't exist", gh-ost's (Go driver's)
 * shape of a server error. Allocated. */
char	*dbseq_error_text(const struct dberror *);

#endif
