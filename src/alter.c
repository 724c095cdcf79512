/* alter.c: parsing of --alter with PCRE2, after gh-ost's go/sql/parser.go. */
#include "common.h"

#include <pthread.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "alter.h"

/*
 * Pieces of the patterns below. Single-quoted strings are blanked to '' before
 * a clause is matched (as gh-ost does), so only backquoted identifiers and
 * double-quoted text (a string, or an identifier under ANSI_QUOTES) are left
 * to be recognised here. A doubled quote stands for the quote itself.
 */
#define ALTER_BQ	"`(?:[^`]|``)+`"
#define ALTER_DQ	"\"(?:[^\"\\\\]|\\\\.|\"\")*\""
#define ALTER_UNQ	"[^\\s`\"]\\S*"
#define ALTER_ID	"(" ALTER_BQ "|" ALTER_DQ "|" ALTER_UNQ ")"

/*
 * A keyword search that steps over quoted text, so that `drop x` or
 * "rename to" inside an identifier or string never counts: at a quote, the
 * first branch consumes the quoted run and (*SKIP)(*FAIL) resumes the search
 * after it.
 */
#define ALTER_SKIP	"(?:" ALTER_BQ "|" ALTER_DQ ")(*SKIP)(*FAIL)|"

/*
 * Reserved words that follow DROP in clauses that drop something other than
 * a column (DROP INDEX k, ALTER COLUMN c DROP DEFAULT, ...). A column with
 * one of these names must be backquoted, so an unquoted one is never a column.
 */
#define ALTER_NOT_COLUMN \
	"(?!(?:check|column|constraint|default|foreign|fulltext|index|key|" \
	"partition|primary|spatial|unique)\\b)"

/* An ALTER TABLE's schema or table name: backquoted or a bare word. */
#define ALTER_TABLE_ID	"(" ALTER_BQ "|[^\\s.`\"]+)"

enum alter_pattern {
	ALTER_STATEMENT,
	ALTER_CHANGE,
	ALTER_RENAME_COLUMN,
	ALTER_DROP,
	ALTER_RENAME_TABLE,
	ALTER_AUTO_INCREMENT,
	ALTER_ENUM,
};

static const struct alter_pattern_entry {
	const char	*source;
	uint32_t	 options;
} alter_pattern_table[] = {
	/* ALTER TABLE [schema.]table clauses: 1 schema, 2 table, 3 clauses. */
	[ALTER_STATEMENT] = {
		"^alter\\s+table\\b(?:\\s+(?:" ALTER_TABLE_ID "\\.)?"
		ALTER_TABLE_ID "(?:\\s+(.+))?$)?",
		PCRE2_CASELESS|PCRE2_DOTALL
	},
	/* CHANGE [COLUMN] [IF EXISTS] old new ...: 1 old, 2 new. */
	[ALTER_CHANGE] = {
		ALTER_SKIP "\\bchange\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?"
		ALTER_ID "\\s+" ALTER_ID "\\s+",
		PCRE2_CASELESS
	},
	/* RENAME COLUMN [IF EXISTS] old TO new: 1 old, 2 new. */
	[ALTER_RENAME_COLUMN] = {
		ALTER_SKIP "\\brename\\s+column\\s+(?:if\\s+exists\\s+)?"
		ALTER_ID "\\s+to\\s+" ALTER_ID,
		PCRE2_CASELESS
	},
	/* DROP [COLUMN] [IF EXISTS] name [RESTRICT|CASCADE], whole clause. */
	[ALTER_DROP] = {
		ALTER_SKIP "\\bdrop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?"
		"(" ALTER_BQ "|" ALTER_DQ "|" ALTER_NOT_COLUMN ALTER_UNQ ")"
		"(?:\\s+(?:restrict|cascade))?$",
		PCRE2_CASELESS
	},
	/* RENAME [TO|AS] name, but not RENAME COLUMN/INDEX/KEY. */
	[ALTER_RENAME_TABLE] = {
		ALTER_SKIP "\\brename(?:\\s+(?:to|as))?\\s+"
		"(?!(?:column|index|key)\\b)\\S",
		PCRE2_CASELESS
	},
	/* AUTO_INCREMENT [=] N as a table option. */
	[ALTER_AUTO_INCREMENT] = {
		ALTER_SKIP "\\bauto_increment(?:\\s*=\\s*|\\s+)[0-9]+",
		PCRE2_CASELESS
	},
	/* enum(values): 1 values. */
	[ALTER_ENUM] = {
		"^enum\\((.*)\\)$",
		PCRE2_CASELESS|PCRE2_DOTALL
	},
};

/*
 * The compiled patterns. They are built once, on first use from whichever
 * thread, and never change afterwards, so sharing them is safe; they live
 * until the process exits.
 */
static pcre2_code	*alter_patterns[nitems(alter_pattern_table)];
static pthread_once_t	 alter_patterns_once = PTHREAD_ONCE_INIT;

/* Compile every pattern; a failure is a bug in the table above. */
static void
alter_compile_patterns(void)
{
	const struct alter_pattern_entry	*e;
	PCRE2_UCHAR				 msg[256];
	PCRE2_SIZE				 offset;
	int					 error;
	size_t					 i;

	for (i = 0; i < nitems(alter_pattern_table); i++) {
		e = &alter_pattern_table[i];
		alter_patterns[i] = pcre2_compile((PCRE2_SPTR)e->source,
		    PCRE2_ZERO_TERMINATED, e->options, &error, &offset, NULL);
		if (alter_patterns[i] == NULL) {
			pcre2_get_error_message(error, msg, sizeof msg);
			fatalx("alter pattern %zu at offset %zu: %s", i,
			    (size_t)offset, (char *)msg);
		}
	}
}

/* The compiled pattern p, compiling all of them the first time. */
static pcre2_code *
alter_pattern(enum alter_pattern p)
{
	pthread_once(&alter_patterns_once, alter_compile_patterns);
	return alter_patterns[p];
}

/* Set *cause, if wanted, to a formatted message. */
static void printflike(2, 3)
alter_set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
}

/*
 * Match pattern p against s from offset start. Returns 1 on a match, 0 when
 * there is none, -1 with *cause when PCRE2 gives up (e.g. its match limit).
 */
static int
alter_match(enum alter_pattern p, const char *s, size_t start,
    pcre2_match_data *md, char **cause)
{
	PCRE2_UCHAR	msg[256];
	int		rc;

	rc = pcre2_match(alter_pattern(p), (PCRE2_SPTR)s, strlen(s), start, 0,
	    md, NULL);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, msg, sizeof msg);
		alter_set_cause(cause, "cannot match --alter: %s", (char *)msg);
		return -1;
	}
	return 1;
}

/* Whether capture group n took part in the last match. */
static bool
alter_group_set(pcre2_match_data *md, int n)
{
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(md);

	if ((uint32_t)n >= pcre2_get_ovector_count(md))
		return false;
	return ov[2 * n] != PCRE2_UNSET;
}

/* Where capture group n of the last match starts in s, and its length. */
static const char *
alter_group(pcre2_match_data *md, const char *s, int n, size_t *len)
{
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(md);

	*len = ov[2 * n + 1] - ov[2 * n];
	return s + ov[2 * n];
}

/* The offset just past the last match, moving on at least one byte. */
static size_t
alter_match_end(pcre2_match_data *md)
{
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(md);

	return ov[1] > ov[0] ? ov[1] : ov[0] + 1;
}

/*
 * The offset just past the quoted run that starts at s[i] with ', " or `.
 * Doubled quotes stay inside the run, as does a backslash escape in a string
 * (not in a backquoted identifier); an unclosed quote runs to the end.
 */
static size_t
alter_skip_quoted(const char *s, size_t i)
{
	char	q = s[i++];

	while (s[i] != '\0') {
		if (s[i] == '\\' && q != '`' && s[i + 1] != '\0') {
			i += 2;
			continue;
		}
		if (s[i] == q) {
			if (s[i + 1] != q)
				return i + 1;
			i++;
		}
		i++;
	}
	return i;
}

/* An identifier without its backquotes or double quotes, allocated. */
static char *
alter_unquote(const char *s, size_t len)
{
	struct buf	b = BUF_INIT;
	char		q = s[0];
	size_t		i;

	if (len < 2 || (q != '`' && q != '"') || s[len - 1] != q)
		return xstrndup(s, len);
	for (i = 1; i < len - 1; i++) {
		buf_addc(&b, s[i]);
		if (s[i] == q && s[i + 1] == q)
			i++;
	}
	return buf_detach(&b);
}

/* The --alter text trimmed of whitespace and trailing semicolons. */
static char *
alter_trim(const char *text)
{
	char	*s = util_trim(xstrdup(text));
	size_t	 len = strlen(s);

	while (len > 0 && s[len - 1] == ';') {
		s[--len] = '\0';
		util_trim(s);
		len = strlen(s);
	}
	return s;
}

/* Append a trimmed clause to the tokens unless it is empty. */
static void
alter_add_token(struct alter *a, const char *s, size_t len)
{
	char	*token = util_trim(xstrndup(s, len));

	if (*token == '\0') {
		free(token);
		return;
	}
	a->tokens = xreallocarray(a->tokens, a->ntokens + 1,
	    sizeof *a->tokens);
	a->tokens[a->ntokens++] = token;
}

/*
 * Split the clauses at commas outside quotes and parentheses. gh-ost treats a
 * parenthesis like a quote that ends at the first ')'; counting the depth and
 * skipping quotes inside it also handles enum('a,)') and nested lists.
 */
static void
alter_tokenize(struct alter *a)
{
	const char	*s = a->clauses;
	size_t		 i = 0, start = 0;
	unsigned int	 depth = 0;

	while (s[i] != '\0') {
		switch (s[i]) {
		case '\'':
		case '"':
		case '`':
			i = alter_skip_quoted(s, i);
			continue;
		case '(':
			depth++;
			break;
		case ')':
			if (depth > 0)
				depth--;
			break;
		case ',':
			if (depth == 0) {
				alter_add_token(a, s + start, i - start);
				start = i + 1;
			}
			break;
		}
		i++;
	}
	alter_add_token(a, s + start, i - start);
}

/*
 * A clause with each single-quoted string replaced by '', so that nothing
 * inside a string (a COMMENT or DEFAULT) can look like a clause. Allocated.
 */
static char *
alter_sanitize(const char *token)
{
	struct buf	b = BUF_INIT;
	size_t		i = 0, j;

	while (token[i] != '\0') {
		switch (token[i]) {
		case '\'':
			buf_adds(&b, "''");
			i = alter_skip_quoted(token, i);
			break;
		case '"':
		case '`':
			j = alter_skip_quoted(token, i);
			buf_add(&b, token + i, j - i);
			i = j;
			break;
		default:
			buf_addc(&b, token[i++]);
			break;
		}
	}
	return buf_detach(&b);
}

/*
 * Record a rename of from to to; both are taken over. A second rename of the
 * same column replaces the first, as gh-ost's map does. Trivial renames are
 * kept until alter_drop_trivial so that they replace like the others.
 */
static void
alter_add_rename(struct alter *a, char *from, char *to)
{
	size_t	i;

	for (i = 0; i < a->nrenames; i++) {
		if (strcmp(a->renames[i].from, from) == 0) {
			free(a->renames[i].to);
			a->renames[i].to = to;
			free(from);
			return;
		}
	}
	a->renames = xreallocarray(a->renames, a->nrenames + 1,
	    sizeof *a->renames);
	a->renames[a->nrenames].from = from;
	a->renames[a->nrenames].to = to;
	a->nrenames++;
}

/* Forget the renames whose old and new names are exactly the same. */
static void
alter_drop_trivial(struct alter *a)
{
	size_t	i, n = 0;

	for (i = 0; i < a->nrenames; i++) {
		if (strcmp(a->renames[i].from, a->renames[i].to) == 0) {
			free(a->renames[i].from);
			free(a->renames[i].to);
		} else
			a->renames[n++] = a->renames[i];
	}
	a->nrenames = n;
}

/* Record a dropped column, taken over, once. */
static void
alter_add_dropped(struct alter *a, char *name)
{
	size_t	i;

	for (i = 0; i < a->ndropped; i++) {
		if (strcmp(a->dropped[i], name) == 0) {
			free(name);
			return;
		}
	}
	a->dropped = xreallocarray(a->dropped, a->ndropped + 1,
	    sizeof *a->dropped);
	a->dropped[a->ndropped++] = name;
}

/* Record every rename that pattern p (old name in 1, new in 2) finds. */
static int
alter_find_renames(struct alter *a, enum alter_pattern p, const char *s,
    pcre2_match_data *md, char **cause)
{
	const char	*from, *to;
	size_t		 start = 0, flen, tlen;
	int		 rc;

	while ((rc = alter_match(p, s, start, md, cause)) == 1) {
		from = alter_group(md, s, 1, &flen);
		to = alter_group(md, s, 2, &tlen);
		alter_add_rename(a, alter_unquote(from, flen),
		    alter_unquote(to, tlen));
		start = alter_match_end(md);
	}
	return rc;
}

/* Look at one sanitized clause for renames, drops and table options. */
static int
alter_parse_token(struct alter *a, const char *s, pcre2_match_data *md,
    char **cause)
{
	const char	*name;
	size_t		 len;
	int		 rc;

	if (alter_find_renames(a, ALTER_CHANGE, s, md, cause) != 0)
		return -1;
	if (alter_find_renames(a, ALTER_RENAME_COLUMN, s, md, cause) != 0)
		return -1;

	if ((rc = alter_match(ALTER_DROP, s, 0, md, cause)) == -1)
		return -1;
	if (rc == 1) {
		name = alter_group(md, s, 1, &len);
		alter_add_dropped(a, alter_unquote(name, len));
	}

	if ((rc = alter_match(ALTER_RENAME_TABLE, s, 0, md, cause)) == -1)
		return -1;
	if (rc == 1)
		a->renames_table = true;

	if ((rc = alter_match(ALTER_AUTO_INCREMENT, s, 0, md, cause)) == -1)
		return -1;
	if (rc == 1)
		a->sets_auto_increment = true;
	return 0;
}

/*
 * Take the schema, table and clauses from an ALTER TABLE statement, or the
 * whole text as clauses when it is a bare clause list.
 */
static int
alter_parse_statement(struct alter *a, const char *s, pcre2_match_data *md,
    char **cause)
{
	const char	*p;
	size_t		 len;
	int		 rc;

	if ((rc = alter_match(ALTER_STATEMENT, s, 0, md, cause)) == -1)
		return -1;
	if (rc == 0) {
		a->clauses = xstrdup(s);
		return 0;
	}
	if (!alter_group_set(md, 2)) {
		alter_set_cause(cause, "cannot read the table name in --alter");
		return -1;
	}
	if (!alter_group_set(md, 3)) {
		alter_set_cause(cause, "--alter has no clauses after the "
		    "table name");
		return -1;
	}
	if (alter_group_set(md, 1)) {
		p = alter_group(md, s, 1, &len);
		a->schema = alter_unquote(p, len);
	}
	p = alter_group(md, s, 2, &len);
	a->table = alter_unquote(p, len);
	p = alter_group(md, s, 3, &len);
	a->clauses = xstrndup(p, len);
	return 0;
}

/* An alter with no clauses, for --revert. */
struct alter *
alter_none(void)
{
	struct alter	*a = xcalloc(1, sizeof *a);

	a->clauses = xstrdup("");
	return a;
}

/* Parse an --alter value into a new struct alter. */
struct alter *
alter_parse(const char *text, char **cause)
{
	struct alter		*a;
	pcre2_match_data	*md;
	char			*s, *token;
	size_t			 i;
	int			 rc = 0;

	s = alter_trim(text != NULL ? text : "");
	if (*s == '\0') {
		free(s);
		alter_set_cause(cause, "--alter must be provided and "
		    "statement must not be empty");
		return NULL;
	}

	a = xcalloc(1, sizeof *a);
	md = pcre2_match_data_create(16, NULL);
	if (md == NULL)
		fatalx("alter_parse: out of memory");

	if (alter_parse_statement(a, s, md, cause) != 0)
		rc = -1;
	else {
		alter_tokenize(a);
		for (i = 0; rc == 0 && i < a->ntokens; i++) {
			token = alter_sanitize(a->tokens[i]);
			rc = alter_parse_token(a, token, md, cause);
			free(token);
		}
		alter_drop_trivial(a);
	}

	pcre2_match_data_free(md);
	free(s);
	if (rc != 0) {
		alter_free(a);
		return NULL;
	}
	return a;
}

/* Free a parsed alter. */
void
alter_free(struct alter *a)
{
	size_t	i;

	if (a == NULL)
		return;
	free(a->schema);
	free(a->table);
	free(a->clauses);
	for (i = 0; i < a->nrenames; i++) {
		free(a->renames[i].from);
		free(a->renames[i].to);
	}
	free(a->renames);
	for (i = 0; i < a->ndropped; i++)
		free(a->dropped[i]);
	free(a->dropped);
	for (i = 0; i < a->ntokens; i++)
		free(a->tokens[i]);
	free(a->tokens);
	free(a);
}

/* The name column name has after the renames. */
const char *
alter_renamed_to(const struct alter *a, const char *name)
{
	size_t	i;

	for (i = 0; i < a->nrenames; i++) {
		if (strcasecmp(a->renames[i].from, name) == 0)
			return a->renames[i].to;
	}
	return name;
}

/* The name a column renamed to name had before, or NULL. */
const char *
alter_renamed_from(const struct alter *a, const char *name)
{
	size_t	i;

	for (i = 0; i < a->nrenames; i++) {
		if (strcasecmp(a->renames[i].to, name) == 0)
			return a->renames[i].from;
	}
	return NULL;
}

/* Whether column name is dropped. */
bool
alter_drops(const struct alter *a, const char *name)
{
	size_t	i;

	for (i = 0; i < a->ndropped; i++) {
		if (strcasecmp(a->dropped[i], name) == 0)
			return true;
	}
	return false;
}

/* Order renames by old name, bytewise like Go's sort of map keys. */
static int
alter_cmp_renames(const void *x, const void *y)
{
	const struct alter_rename	*rx = *(const struct alter_rename *const *)x;
	const struct alter_rename	*ry = *(const struct alter_rename *const *)y;

	return strcmp(rx->from, ry->from);
}

/* The rename map as gh-ost prints it, allocated. */
char *
alter_format_renames(const struct alter *a)
{
	const struct alter_rename	**sorted;
	struct buf			  b = BUF_INIT;
	size_t				  i;

	sorted = xreallocarray(NULL, a->nrenames + 1, sizeof *sorted);
	for (i = 0; i < a->nrenames; i++)
		sorted[i] = &a->renames[i];
	qsort(sorted, a->nrenames, sizeof *sorted, alter_cmp_renames);

	buf_adds(&b, "map[");
	for (i = 0; i < a->nrenames; i++) {
		buf_addf(&b, "%s%s:%s", i == 0 ? "" : " ", sorted[i]->from,
		    sorted[i]->to);
	}
	buf_addc(&b, ']');
	free(sorted);
	return buf_detach(&b);
}

/* The values inside enum(...), or the column type itself, allocated. */
char *
alter_enum_values(const char *column_type)
{
	pcre2_match_data	*md;
	const char		*p;
	char			*values;
	size_t			 len;

	md = pcre2_match_data_create(4, NULL);
	if (md == NULL)
		fatalx("alter_enum_values: out of memory");
	if (alter_match(ALTER_ENUM, column_type, 0, md, NULL) == 1) {
		p = alter_group(md, column_type, 1, &len);
		values = xstrndup(p, len);
	} else
		values = xstrdup(column_type);
	pcre2_match_data_free(md);
	return values;
}
