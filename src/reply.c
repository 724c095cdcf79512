/* reply.c: SHOW WARNINGS and ANALYZE TABLE answers, judged as gh-ost does. */
#include "common.h"

#include "reply.h"

/* Does message contain "for key '<prefix><key>'"? */
static bool
reply_has_key(const char *message, const char *prefix, const char *key)
{
	char	*needle;
	bool	 found;

	needle = xasprintf("for key '%s%s'", prefix, key);
	found = strstr(message, needle) != NULL;
	free(needle);
	return found;
}

/* The duplicate-key warning the migration key raises by design. */
bool
reply_warning_expected(const char *message, const char *ghost_table,
    const char *key)
{
	char	*prefix;
	bool	 found;

	if (message == NULL || key == NULL ||
	    strstr(message, "Duplicate entry") == NULL)
		return false;
	if (reply_has_key(message, "", key))
		return true;
	if (ghost_table == NULL)
		return false;
	prefix = xasprintf("%s.", ghost_table);
	found = reply_has_key(message, prefix, key);
	free(prefix);
	return found;
}

/* "Level: Message (Code)". */
void
reply_warning_text(struct buf *b, const char *level, const char *code,
    const char *message)
{
	buf_addf(b, "%s: %s (%s)", level != NULL ? level : "",
	    message != NULL ? message : "", code != NULL ? code : "0");
}

/* Fail closed: OK only with a status OK row and no error row. */
int
reply_analyze(const char *table, const char *const *msg_types,
    const char *const *msg_texts, size_t nrows, char **cause)
{
	struct buf	 errors = BUF_INIT;
	bool		 ok = false, failed = false;
	size_t		 i;

	for (i = 0; i < nrows; i++) {
		if (msg_types[i] == NULL)
			continue;
		if (strcasecmp(msg_types[i], "error") == 0) {
			if (failed)
				buf_adds(&errors, "; ");
			buf_adds(&errors, msg_texts[i] != NULL ? msg_texts[i] :
			    "");
			failed = true;
		}
		if (strcasecmp(msg_types[i], "status") == 0 &&
		    msg_texts[i] != NULL && strcasecmp(msg_texts[i], "OK") == 0)
			ok = true;
	}
	if (ok && !failed) {
		buf_release(&errors);
		return 0;
	}
	*cause = xasprintf("ANALYZE TABLE on ghost `%s` did not report status "
	    "OK; refusing cut-over: %s", table, buf_str(&errors));
	buf_release(&errors);
	return -1;
}
