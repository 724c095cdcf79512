/* reply.h: what wisp makes of some of the server's answers. Pure.
 *
 * --panic-on-warnings (gh-ost's PanicOnWarnings): after each row-copy chunk
 * and after each statement of a DML batch, SHOW WARNINGS is read; every
 * warning fails the migration but one: a duplicate on the migration's own
 * unique key, which INSERT IGNORE meets by design whenever the copy and the
 * binlog both bring a row. MySQL 8 names the key "<table>.<key>", MariaDB and
 * older MySQL just "<key>"; gh-ost accepts both.
 *
 * --analyze-ghost-table-before-cutover: ANALYZE TABLE reports a failure as
 * a row with Msg_type "Error" while the statement itself succeeds, so the
 * rows decide: the cut-over goes on only with a "status"/"OK" row and no
 * "error" row (gh-ost's classifyAnalyzeTableResult). */
#ifndef WISP_REPLY_H
#define WISP_REPLY_H

/* Is a SHOW WARNINGS message the expected duplicate on the migration key?
 * True when it contains "Duplicate entry" and "for key '<key>'" or
 * "for key '<ghost_table>.<key>'"; key is the key's name in the ghost. */
bool	reply_warning_expected(const char *message, const char *ghost_table,
	    const char *key);
/* Append one warning as gh-ost prints it: "Warning: <message> (<code>)". */
void	reply_warning_text(struct buf *, const char *level, const char *code,
	    const char *message);

/* ANALYZE TABLE's result rows: Msg_type and Msg_text of row i. 0 when the
 * table was analyzed, else -1 with gh-ost's cause:
 * "ANALYZE TABLE on ghost `t` did not report status OK; refusing
 * cut-over: <error texts joined by "; ">". */
int	reply_analyze(const char *table, const char *const *msg_types,
	    const char *const *msg_texts, size_t nrows, char **cause);

#endif
