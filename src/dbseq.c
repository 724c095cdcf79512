/* dbseq.c: a list of dependent queries run in order on one connection. */
#include "common.h"

#include <event2/event.h>

#include "dbconn.h"
#include "dbseq.h"

static void	dbseq_run_next(struct dbseq *);

/* Format a server or client error the way gh-ost's Go driver does. */
char *
dbseq_error_text(const struct dberror *err)
{
	if (err->code >= 2000 && err->code < 3000)
		return xstrdup(err->message);	/* client side: no SQLSTATE */
	return xasprintf("Error %u (%s): %s", err->code, err->sqlstate,
	    err->message);
}

/* End the sequence and report. */
static void
dbseq_end(struct dbseq *seq, char *cause)
{
	void	(*finish)(void *, char *) = seq->finish;

	seq->finish = NULL;
	if (seq->timer != NULL) {
		event_free(seq->timer);
		seq->timer = NULL;
	}
	if (finish != NULL)
		finish(seq->finish_arg, cause);
	else
		free(cause);
}

/* A step's query finished. */
static void
dbseq_query_cb(struct dbconn *conn, struct dbresult *res,
    const struct dberror *err, void *arg)
{
	struct dbseq		*seq = arg;
	const struct dbseq_step	*step = &seq->steps[seq->next];
	char			*cause = NULL, *text;
	int			 rc = DBSEQ_NEXT;

	if (err != NULL && !(step->flags & DBSEQ_TOLERATE_ERROR)) {
		text = dbseq_error_text(err);
		log_debugf("%s failed: %s", step->what, text);
		dbseq_end(seq, text);
		return;
	}
	if (step->done != NULL)
		rc = step->done(seq->arg, res, err, &cause);
	switch (rc) {
	case DBSEQ_NEXT:
		seq->next++;
		dbseq_run_next(seq);
		break;
	case DBSEQ_AGAIN: {
		struct timeval tv = { seq->retry_ms / 1000,
		    (seq->retry_ms % 1000) * 1000 };

		evtimer_add(seq->timer, &tv);
		break;
	}
	case DBSEQ_STOP:
		dbseq_end(seq, NULL);
		break;
	default:
		if (cause == NULL)
			cause = xasprintf("%s failed", step->what);
		dbseq_end(seq, cause);
		break;
	}
}

/* Timer: run the current step again. */
static void
dbseq_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	dbseq_run_next(arg);
}

/* Run the next step that has SQL, or finish. */
static void
dbseq_run_next(struct dbseq *seq)
{
	const struct dbseq_step	*step;
	char			*sql;

	for (; seq->next < seq->nsteps; seq->next++) {
		step = &seq->steps[seq->next];
		if ((sql = step->sql(seq->arg)) == NULL)
			continue;
		log_debugf("step: %s", step->what);
		if (dbconn_query(seq->conn, sql, dbseq_query_cb, seq) != 0) {
			free(sql);
			dbseq_end(seq, xasprintf("%s: connection %s is not ready",
			    step->what, dbconn_name(seq->conn)));
			return;
		}
		free(sql);
		return;
	}
	dbseq_end(seq, NULL);
}

/* Begin a sequence. */
void
dbseq_start(struct dbseq *seq, struct dbconn *conn,
    const struct dbseq_step *steps, size_t n, void *arg,
    void (*finish)(void *, char *), void *finish_arg)
{
	dbseq_release(seq);
	seq->conn = conn;
	seq->steps = steps;
	seq->nsteps = n;
	seq->next = 0;
	if (seq->retry_ms == 0)
		seq->retry_ms = 100;
	seq->arg = arg;
	seq->finish = finish;
	seq->finish_arg = finish_arg;
	seq->timer = evtimer_new(dbconn_base(conn), dbseq_timer_cb, seq);
	if (seq->timer == NULL)
		fatalx("dbseq_start: evtimer_new failed");
	dbseq_run_next(seq);
}

/* Forget a sequence. */
void
dbseq_release(struct dbseq *seq)
{
	if (seq->timer != NULL)
		event_free(seq->timer);
	seq->timer = NULL;
	seq->finish = NULL;
}
