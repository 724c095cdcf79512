/* sqlbuild.c: SQL text for the row copy, the binlog apply and the cut-over. */
#include "common.h"

#include "column.h"
#include "rowimage.h"
#include "sqlbuild.h"
#include "trigger.h"

/* One column as the builders see it. */
struct sb_col {
	char		*name;		/* in the original */
	char		*ghost_name;	/* in the ghost */
	unsigned int	 ordinal;	/* in the original: the row image index */
	enum column_type type;
	bool		 nullable;
	char		*charset;	/* the original's; NULL: bytes */
	unsigned int	 conv;		/* SQLBUILD_CONV_* */
	char		**members;	/* ENUM/SET members, client charset */
	size_t		*member_len;
	size_t		 nmembers;
};

struct sqlbuild {
	char		*db;
	char		*table;
	char		*ghost;
	char		*key_name;
	char		*time_zone;
	char		*client_charset;
	enum sqlbuild_lock lock;
	enum sqlbuild_insert insert;
	bool		 row_alias;	/* sqlbuild_desc */

	struct sb_col	*shared;
	size_t		 nshared;
	struct sb_col	*key;		/* key columns, in key order */
	size_t		 nkey;
	bool		 key_nullable;	/* any key column nullable */

	/* The fixed parts of a keyed batch's statements (sb_keyed_heads),
	 * built once: "delete .. where ", "insert .. ignore into .. values ",
	 * "insert .. into .. values ", " on duplicate key update ..". */
	char		*keyed_delete;
	char		*keyed_upsert;
	char		*keyed_strict;
	char		*keyed_tail;
};

static void	sb_keyed_heads(struct sqlbuild *);

/* Rendered literals of one key value: sql[i] is column i's literal. */
struct sb_lits {
	char		**sql;
	bool		*is_null;
	size_t		 n;
};

/* Is name a plain word, as charset names are? */
static bool
sb_is_word(const char *s)
{
	size_t	n = 0;

	for (; s[n] != '\0'; n++) {
		if (!isalnum((unsigned char)s[n]) && s[n] != '_')
			return false;
	}
	return n > 0 && n <= 32;
}

/* Append text as a literal that reads the same under any sql_mode: quoted
 * when it is printable ASCII without backslashes ('' for a quote, which
 * NO_BACKSLASH_ESCAPES also accepts), else _utf8mb4 X'hex'. */
static void
sb_add_text(struct buf *b, const char *s)
{
	const char	*p;

	for (p = s; *p != '\0'; p++) {
		if (*p < 0x20 || *p > 0x7e || *p == '\\')
			break;
	}
	if (*p != '\0') {
		buf_adds(b, "_utf8mb4 ");
		buf_add_hex(b, s, strlen(s));
		return;
	}
	buf_addc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'')
			buf_addc(b, '\'');
		buf_addc(b, *p);
	}
	buf_addc(b, '\'');
}

/* Append `db`.`table`. */
static void
sb_add_qualified(struct buf *b, const char *db, const char *table)
{
	buf_add_ident(b, db);
	buf_addc(b, '.');
	buf_add_ident(b, table);
}

/* `db`.`table`, allocated. */
char *
sqlbuild_qualified(const char *db, const char *table)
{
	struct buf	b = BUF_INIT;

	sb_add_qualified(&b, db, table);
	return buf_detach(&b);
}

/* show table status from `db` like 'table', with LIKE's wildcards escaped
 * so that only table itself matches. */
void
sqlbuild_table_status(struct buf *b, const char *db, const char *table)
{
	struct buf	 pat = BUF_INIT;
	const char	*p;

	for (p = table; *p != '\0'; p++) {
		if (*p == '_' || *p == '%' || *p == '\\')
			buf_addc(&pat, '\\');
		buf_addc(&pat, *p);
	}
	buf_adds(b, "show /* wisp */ table status from ");
	buf_add_ident(b, db);
	buf_adds(b, " like ");
	buf_add_literal(b, pat.data, pat.len);
	buf_release(&pat);
}

/* Append "/+ wisp `db`.`t` extra +/" (with real stars); a name holding
 * the comment's end is broken up so that it cannot end the comment. */
static void
sb_add_comment(struct buf *b, const char *db, const char *table,
    const char *extra)
{
	struct buf	 t = BUF_INIT;
	const char	*p;

	buf_adds(b, "/* wisp");
	if (db != NULL) {
		sb_add_qualified(&t, db, table);
		buf_addc(b, ' ');
		for (p = buf_str(&t); *p != '\0'; p++) {
			buf_addc(b, *p);
			if (p[0] == '*' && p[1] == '/')
				buf_addc(b, ' ');
		}
		buf_release(&t);
	}
	if (extra != NULL)
		buf_addf(b, " %s", extra);
	buf_adds(b, " */");
}

/* Parse information_schema's member list "'a','it''s','b\\s'". */
static int
sb_parse_members(struct sb_col *c, const char *list, char **cause)
{
	struct buf	 m = BUF_INIT;
	const char	*p = list;

	while (*p != '\0') {
		if (*p != '\'')
			goto bad;
		p++;
		buf_reset(&m);
		for (;;) {
			if (*p == '\0')
				goto bad;
			if (*p == '\'' && p[1] == '\'') {
				buf_addc(&m, '\'');
				p += 2;
			} else if (*p == '\'') {
				p++;
				break;
			} else if (*p == '\\' && p[1] != '\0') {
				switch (p[1]) {
				case '0':	buf_addc(&m, '\0'); break;
				case 'n':	buf_addc(&m, '\n'); break;
				case 'r':	buf_addc(&m, '\r'); break;
				case 't':	buf_addc(&m, '\t'); break;
				case 'b':	buf_addc(&m, '\b'); break;
				case 'Z':	buf_addc(&m, '\032'); break;
				default:	buf_addc(&m, p[1]); break;
				}
				p += 2;
			} else
				buf_addc(&m, *p++);
		}
		c->members = xreallocarray(c->members, c->nmembers + 1,
		    sizeof *c->members);
		c->member_len = xreallocarray(c->member_len, c->nmembers + 1,
		    sizeof *c->member_len);
		c->member_len[c->nmembers] = m.len;
		c->members[c->nmembers++] = xstrndup(buf_str(&m), m.len);
		if (*p == ',')
			p++;
		else if (*p != '\0')
			goto bad;
	}
	buf_release(&m);
	return 0;
bad:
	buf_release(&m);
	*cause = xasprintf("cannot parse the members of column `%s`: %s",
	    c->name, list);
	return -1;
}

/* Decide a shared column's conversions from its two types (gh-ost:
 * inspectOriginalAndGhostTables). */
static unsigned int
sb_conversions(const struct column *oc, const struct column *gc)
{
	unsigned int	conv = 0;

	if (gc == NULL)
		return 0;
	if (oc->type == COLUMN_TYPE_DATETIME && gc->type == COLUMN_TYPE_TIMESTAMP)
		conv |= SQLBUILD_CONV_DATETIME_TO_TIMESTAMP;
	if (oc->type == COLUMN_TYPE_TIMESTAMP && gc->type != COLUMN_TYPE_TIMESTAMP)
		conv |= SQLBUILD_CONV_TIMESTAMP_TO_LOCAL;
	if (oc->type == COLUMN_TYPE_ENUM && gc->charset != NULL)
		conv |= SQLBUILD_CONV_ENUM_TO_TEXT;
	if (oc->type == COLUMN_TYPE_SET && gc->charset != NULL)
		conv |= SQLBUILD_CONV_SET_TO_TEXT;
	if (gc->type == COLUMN_TYPE_JSON)
		conv |= SQLBUILD_CONV_TO_JSON;
	if ((oc->charset == NULL) != (gc->charset == NULL) ||
	    (oc->charset != NULL && strcasecmp(oc->charset, gc->charset) != 0))
		conv |= SQLBUILD_CONV_CHARSET;
	return conv;
}

/* Fill c from the original's column oc (ordinal i) and the ghost's gc. */
static int
sb_col_init(struct sb_col *c, const struct column *oc, unsigned int ordinal,
    const char *ghost_name, const struct column *gc, char **cause)
{
	memset(c, 0, sizeof *c);
	c->name = xstrdup(oc->name);
	c->ghost_name = xstrdup(ghost_name);
	c->ordinal = ordinal;
	c->type = oc->type;
	c->nullable = oc->nullable;
	if (oc->charset != NULL && strcasecmp(oc->charset, "binary") != 0) {
		if (!sb_is_word(oc->charset)) {
			*cause = xasprintf("column `%s` has an unexpected "
			    "charset name: %s", oc->name, oc->charset);
			return -1;
		}
		c->charset = xstrdup(oc->charset);
	}
	c->conv = sb_conversions(oc, gc);
	if ((c->conv & (SQLBUILD_CONV_ENUM_TO_TEXT | SQLBUILD_CONV_SET_TO_TEXT))
	    && oc->enum_values != NULL)
		return sb_parse_members(c, oc->enum_values, cause);
	return 0;
}

/* Free a column's strings. */
static void
sb_col_release(struct sb_col *c)
{
	size_t	i;

	free(c->name);
	free(c->ghost_name);
	free(c->charset);
	for (i = 0; i < c->nmembers; i++)
		free(c->members[i]);
	free(c->members);
	free(c->member_len);
}

/* Can text of charset col pass through a connection whose charset is
 * client without loss? utf8mb4 carries everything, anything carries
 * ASCII, and utf8mb3 everything but the 4-byte (and 16/32-bit) sets. */
static bool
sb_charset_carries(const char *client, const char *col)
{
	static const char *const wide[] = {
		"utf8mb4", "utf16", "utf16le", "utf32",
	};
	size_t	i;

	if (strcasecmp(client, "utf8") == 0)
		client = "utf8mb3";
	if (strcasecmp(col, "utf8") == 0)
		col = "utf8mb3";
	if (strcasecmp(client, col) == 0 || strcasecmp(client, "utf8mb4") == 0 ||
	    strcasecmp(col, "ascii") == 0)
		return true;
	if (strcasecmp(client, "utf8mb3") != 0)
		return false;
	for (i = 0; i < nitems(wide); i++) {
		if (strcasecmp(col, wide[i]) == 0)
			return false;
	}
	return true;
}

/* Text that wisp reads from a result set and writes back as a literal:
 * the key's values (range queries) and ENUM/SET members (from
 * information_schema). A connection charset (--charset) that cannot carry
 * their charset would turn characters into '?', and the copy would skip
 * or repeat rows: refused. */
static int
sb_check_carried(const struct sqlbuild *sb, const struct sb_col *c,
    char **cause)
{
	if (c->charset == NULL || sb_charset_carries(sb->client_charset,
	    c->charset))
		return 0;
	*cause = xasprintf("column `%s` is %s, which the connection's charset "
	    "%s cannot carry: use --charset=utf8mb4", c->name, c->charset,
	    sb->client_charset);
	return -1;
}

/* The original's column called name and its ordinal, or NULL. */
static const struct column *
sb_find(const struct column_list *l, const char *name, unsigned int *ordinal)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (strcasecmp(l->v[i].name, name) == 0) {
			*ordinal = (unsigned int)i;
			return &l->v[i];
		}
	}
	return NULL;
}

/* Make a builder from the migration's facts. */
struct sqlbuild *
sqlbuild_create(const struct sqlbuild_desc *d, char **cause)
{
	const struct shared_plan *plan = d->plan;
	const struct column	*oc, *gc;
	struct sqlbuild		*sb;
	const char		*gname;
	unsigned int		 ord, unused_ord;
	size_t			 i, j;

	if (plan == NULL || plan->key == NULL || plan->key->ncolumns == 0) {
		*cause = xstrdup("no unique key to iterate on");
		return NULL;
	}
	sb = xcalloc(1, sizeof *sb);
	sb->db = xstrdup(d->database);
	sb->table = xstrdup(d->table);
	sb->ghost = xstrdup(d->ghost_table);
	sb->key_name = xstrdup(plan->key->name);
	sb->time_zone = xstrdup(d->time_zone != NULL ? d->time_zone : "SYSTEM");
	sb->client_charset = xstrdup(d->client_charset != NULL ?
	    d->client_charset : "utf8mb4");
	sb->lock = d->lock;
	sb->insert = d->insert;
	sb->row_alias = d->row_alias;
	if (!sb_is_word(sb->client_charset)) {
		*cause = xasprintf("unexpected charset name: %s",
		    sb->client_charset);
		goto fail;
	}

	sb->shared = xcalloc(plan->ncolumns, sizeof *sb->shared);
	for (i = 0; i < plan->ncolumns; i++) {
		if ((oc = sb_find(d->orig_columns, plan->columns[i], &ord)) == NULL) {
			*cause = xasprintf("shared column `%s` is not a column "
			    "of `%s`", plan->columns[i], d->table);
			goto fail;
		}
		gc = d->ghost_columns != NULL ? sb_find(d->ghost_columns,
		    plan->mapped[i], &unused_ord) : NULL;
		/* Generated columns compute their own values. */
		if (oc->is_generated || (gc != NULL && gc->is_generated))
			continue;
		if (sb_col_init(&sb->shared[sb->nshared++], oc, ord,
		    plan->mapped[i], gc, cause) != 0)
			goto fail;
		if (sb->shared[sb->nshared - 1].nmembers > 0 &&
		    sb_check_carried(sb, &sb->shared[sb->nshared - 1],
		    cause) != 0)
			goto fail;
	}
	if (sb->nshared == 0) {
		*cause = xasprintf("no shared columns between `%s` and `%s`",
		    d->table, d->ghost_table);
		goto fail;
	}

	sb->key = xcalloc(plan->key->ncolumns, sizeof *sb->key);
	for (i = 0; i < plan->key->ncolumns; i++) {
		if ((oc = sb_find(d->orig_columns, plan->key->columns[i],
		    &ord)) == NULL) {
			*cause = xasprintf("key column `%s` is not a column of "
			    "`%s`", plan->key->columns[i], d->table);
			goto fail;
		}
		/* The ghost's name through the plan; a key column that is
		 * not shared (virtual) keeps its name. */
		gname = oc->name;
		for (j = 0; j < plan->ncolumns; j++) {
			if (strcasecmp(plan->columns[j], oc->name) == 0) {
				gname = plan->mapped[j];
				break;
			}
		}
		gc = d->ghost_columns != NULL ?
		    sb_find(d->ghost_columns, gname, &unused_ord) : NULL;
		if (sb_col_init(&sb->key[sb->nkey++], oc, ord, gname, gc,
		    cause) != 0 ||
		    sb_check_carried(sb, &sb->key[sb->nkey - 1], cause) != 0)
			goto fail;
		if (oc->nullable)
			sb->key_nullable = true;
	}
	sb_keyed_heads(sb);
	return sb;

fail:
	sqlbuild_free(sb);
	return NULL;
}

/* Free a builder. */
void
sqlbuild_free(struct sqlbuild *sb)
{
	size_t	i;

	if (sb == NULL)
		return;
	for (i = 0; i < sb->nshared; i++)
		sb_col_release(&sb->shared[i]);
	for (i = 0; i < sb->nkey; i++)
		sb_col_release(&sb->key[i]);
	free(sb->shared);
	free(sb->key);
	free(sb->db);
	free(sb->table);
	free(sb->ghost);
	free(sb->key_name);
	free(sb->time_zone);
	free(sb->client_charset);
	free(sb->keyed_delete);
	free(sb->keyed_upsert);
	free(sb->keyed_strict);
	free(sb->keyed_tail);
	free(sb);
}

/* How many shared columns are written. */
size_t
sqlbuild_nshared(const struct sqlbuild *sb)
{
	return sb->nshared;
}

/* The conversions of shared column i. */
unsigned int
sqlbuild_conversions(const struct sqlbuild *sb, size_t i)
{
	return i < sb->nshared ? sb->shared[i].conv : 0;
}

/* The key's column count. */
size_t
sqlbuild_key_ncolumns(const struct sqlbuild *sb)
{
	return sb->nkey;
}

/* Does a key column allow NULL? */
bool
sqlbuild_key_nullable(const struct sqlbuild *sb)
{
	return sb->key_nullable;
}

/* Are p[0..n) digits, with an optional leading minus? */
static bool
sb_is_integer(const char *p, size_t n)
{
	size_t	i = 0;

	if (n > 0 && p[0] == '-')
		i++;
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return false;
	}
	return true;
}

/* Is p[0..n) a decimal number, -12.50, or with floats also 1.5e-07? */
static bool
sb_is_number(const char *p, size_t n, bool exponent)
{
	size_t	i = 0, digits = 0;

	if (i < n && (p[i] == '-' || p[i] == '+'))
		i++;
	for (; i < n && isdigit((unsigned char)p[i]); i++)
		digits++;
	if (i < n && p[i] == '.') {
		for (i++; i < n && isdigit((unsigned char)p[i]); i++)
			digits++;
	}
	if (digits == 0)
		return false;
	if (exponent && i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '-' || p[i] == '+'))
			i++;
		if (i == n)
			return false;
		for (; i < n && isdigit((unsigned char)p[i]); i++)
			;
	}
	return i == n;
}

/* Is p[0..n) made of the characters of dates and times? */
static bool
sb_is_temporal(const char *p, size_t n)
{
	size_t	i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]) && strchr("-: .", p[i]) == NULL)
			return false;
	}
	return true;
}

/* Append a key value read from a result set as a literal of c's type. */
static int
sb_value_sql(const struct sqlbuild *sb, const struct sb_col *c,
    const struct sqlbuild_value *v, struct buf *b, char **cause)
{
	uint64_t	u = 0;
	size_t		i;
	const char	*what = "valid";

	if (v->is_null) {
		buf_adds(b, "NULL");
		return 0;
	}
	if (v->data == NULL && v->len > 0)
		goto bad_null;
	switch (c->type) {
	case COLUMN_TYPE_INTEGER:
	case COLUMN_TYPE_MEDIUMINT:
	case COLUMN_TYPE_YEAR:
		what = "an integer";
		if (!sb_is_integer(v->data, v->len))
			goto bad;
		buf_add(b, v->data, v->len);
		break;
	case COLUMN_TYPE_DECIMAL:
		what = "a decimal";
		if (!sb_is_number(v->data, v->len, false))
			goto bad;
		buf_add(b, v->data, v->len);
		break;
	case COLUMN_TYPE_FLOAT:
	case COLUMN_TYPE_DOUBLE:
		what = "a number";
		if (!sb_is_number(v->data, v->len, true))
			goto bad;
		buf_add(b, v->data, v->len);
		break;
	case COLUMN_TYPE_BIT:
		/* The text protocol sends BIT as big-endian bytes; a number
		 * compares with the column as the server orders it. */
		what = "a bit value";
		if (v->len > 8)
			goto bad;
		for (i = 0; i < v->len; i++)
			u = u << 8 | (uint8_t)v->data[i];
		buf_add_u64(b, u);
		break;
	case COLUMN_TYPE_DATE:
	case COLUMN_TYPE_TIME:
	case COLUMN_TYPE_DATETIME:
	case COLUMN_TYPE_TIMESTAMP:
		what = "a date or time";
		if (!sb_is_temporal(v->data, v->len))
			goto bad;
		buf_addc(b, '\'');
		buf_add(b, v->data, v->len);
		buf_addc(b, '\'');
		break;
	case COLUMN_TYPE_BINARY:
	case COLUMN_TYPE_VARBINARY:
	case COLUMN_TYPE_BLOB:
	case COLUMN_TYPE_GEOMETRY:
		buf_add_hex(b, v->data, v->len);
		break;
	default:
		/* Text arrives in the connection's charset, which the
		 * server converts to the column's for the comparison; so
		 * do MariaDB's uuid and inet types, which have no charset
		 * but compare with their text form. */
		if (c->charset != NULL || c->type == COLUMN_TYPE_INET_UUID) {
			buf_addf(b, "_%s ", sb->client_charset);
		}
		buf_add_hex(b, v->data, v->len);
		break;
	}
	return 0;
bad:
	*cause = xasprintf("value of key column `%s` is not %s", c->name, what);
	return -1;
bad_null:
	*cause = xasprintf("value of key column `%s` has no data", c->name);
	return -1;
}

/* Free rendered literals. */
static void
sb_lits_release(struct sb_lits *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->sql[i]);
	free(l->sql);
	free(l->is_null);
	memset(l, 0, sizeof *l);
}

/* Render a key value from a result set, one literal per key column. */
static int
sb_lits_from_values(const struct sqlbuild *sb, const struct sqlbuild_value *v,
    struct sb_lits *l, char **cause)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	l->sql = xcalloc(sb->nkey, sizeof *l->sql);
	l->is_null = xcalloc(sb->nkey, sizeof *l->is_null);
	l->n = sb->nkey;
	for (i = 0; i < sb->nkey; i++) {
		buf_reset(&b);
		if (sb_value_sql(sb, &sb->key[i], &v[i], &b, cause) != 0) {
			buf_release(&b);
			sb_lits_release(l);
			return -1;
		}
		l->sql[i] = xstrdup(buf_str(&b));
		l->is_null[i] = v[i].is_null;
	}
	buf_release(&b);
	return 0;
}

/* Append a member text (or several, for a SET mask) as a literal. */
static int
sb_members_sql(const struct sqlbuild *sb, const struct sb_col *c,
    const struct rowimage_value *v, struct buf *b, char **cause)
{
	struct buf	t = BUF_INIT;
	uint64_t	mask = v->v.u;
	size_t		i;

	if (v->kind == ROWIMAGE_ENUM) {
		if (v->v.u > c->nmembers) {
			*cause = xasprintf("column `%s` holds enum index %" PRIu64
			    " of %zu members", c->name, v->v.u, c->nmembers);
			return -1;
		}
		/* Index 0 is the '' of an invalid value. */
		if (v->v.u > 0)
			buf_add(&t, c->members[v->v.u - 1],
			    c->member_len[v->v.u - 1]);
	} else {
		if (c->nmembers < 64 && (mask >> c->nmembers) != 0) {
			*cause = xasprintf("column `%s` holds set bits beyond "
			    "its %zu members", c->name, c->nmembers);
			return -1;
		}
		for (i = 0; i < c->nmembers && i < 64; i++) {
			if ((mask & ((uint64_t)1 << i)) == 0)
				continue;
			if (t.len > 0)
				buf_addc(&t, ',');
			buf_add(&t, c->members[i], c->member_len[i]);
		}
	}
	buf_addf(b, "_%s ", sb->client_charset);
	buf_add_hex(b, t.data, t.len);
	buf_release(&t);
	return 0;
}

/* Append column c's value in a row image as the ghost's column wants it. */
static int
sb_image_sql(const struct sqlbuild *sb, const struct sb_col *c,
    const struct rowimage_row *row, struct buf *b, char **cause)
{
	const struct rowimage_value *v;
	bool			 zero;

	if (c->ordinal >= row->ncols) {
		*cause = xasprintf("row image has %u columns, column `%s` is "
		    "number %u", row->ncols, c->name, c->ordinal + 1);
		return -1;
	}
	v = &row->values[c->ordinal];
	if (v->kind == ROWIMAGE_ABSENT) {
		*cause = xasprintf("column `%s` is missing from the row image; "
		    "binlog_row_image must be FULL", c->name);
		return -1;
	}
	if (v->kind == ROWIMAGE_NULL) {
		buf_adds(b, "NULL");
		return 0;
	}
	if (c->conv & SQLBUILD_CONV_TO_JSON)
		buf_adds(b, "convert(");
	/* convert_tz() gives NULL for the zero date, which stays as it is. */
	zero = v->str != NULL && strncmp(v->str, "0000-00-00", 10) == 0;
	if ((c->conv & SQLBUILD_CONV_ENUM_TO_TEXT) && v->kind == ROWIMAGE_ENUM &&
	    c->members != NULL) {
		if (sb_members_sql(sb, c, v, b, cause) != 0)
			return -1;
	} else if ((c->conv & SQLBUILD_CONV_SET_TO_TEXT) &&
	    v->kind == ROWIMAGE_SET && c->members != NULL) {
		if (sb_members_sql(sb, c, v, b, cause) != 0)
			return -1;
	} else if ((c->conv & SQLBUILD_CONV_DATETIME_TO_TIMESTAMP) &&
	    v->kind == ROWIMAGE_DATETIME && !zero) {
		buf_adds(b, "convert_tz(");
		rowimage_value_to_sql(v, b);
		buf_adds(b, ", ");
		sb_add_text(b, sb->time_zone);
		buf_adds(b, ", '+00:00')");
	} else if ((c->conv & SQLBUILD_CONV_TIMESTAMP_TO_LOCAL) &&
	    v->kind == ROWIMAGE_TIMESTAMP && v->v.ts.sec != 0) {
		buf_adds(b, "convert_tz(");
		rowimage_value_to_sql(v, b);
		buf_adds(b, ", '+00:00', ");
		sb_add_text(b, sb->time_zone);
		buf_addc(b, ')');
	} else
		rowimage_value_to_sql(v, b);
	if (c->conv & SQLBUILD_CONV_TO_JSON)
		buf_adds(b, " using utf8mb4)");
	return 0;
}

/* Render the key of a row image, converted for the ghost's columns. */
static int
sb_lits_from_image(const struct sqlbuild *sb, const struct rowimage_row *row,
    struct sb_lits *l, char **cause)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	l->sql = xcalloc(sb->nkey, sizeof *l->sql);
	l->is_null = xcalloc(sb->nkey, sizeof *l->is_null);
	l->n = sb->nkey;
	for (i = 0; i < sb->nkey; i++) {
		buf_reset(&b);
		if (sb_image_sql(sb, &sb->key[i], row, &b, cause) != 0) {
			buf_release(&b);
			sb_lits_release(l);
			return -1;
		}
		l->sql[i] = xstrdup(buf_str(&b));
		l->is_null[i] = strcmp(l->sql[i], "NULL") == 0;
	}
	buf_release(&b);
	return 0;
}

/* Append "(`c` op v)" (gh-ost BuildValueComparison), op one of = < >,
 * NULL-aware for nullable columns and NULL values (see sqlbuild.h). */
static void
sb_value_cmp(struct buf *b, const struct sb_col *c, const struct sb_lits *l,
    size_t i, char op)
{
	if (l->is_null[i]) {
		if (op == '<') {
			buf_adds(b, "(false)");
			return;
		}
		buf_addc(b, '(');
		buf_add_ident(b, c->name);
		buf_adds(b, op == '=' ? " is null)" : " is not null)");
		return;
	}
	if (op == '<' && c->nullable) {
		buf_adds(b, "((");
		buf_add_ident(b, c->name);
		buf_addf(b, " < %s) or (", l->sql[i]);
		buf_add_ident(b, c->name);
		buf_adds(b, " is null))");
		return;
	}
	buf_addc(b, '(');
	buf_add_ident(b, c->name);
	buf_addf(b, " %c %s)", op, l->sql[i]);
}

/* Append "((`c1` = v1) and (`c2` = v2))" over the first n key columns
 * (gh-ost BuildEqualsComparison). */
static void
sb_equals(struct buf *b, const struct sqlbuild *sb, const struct sb_lits *l,
    size_t n)
{
	size_t	i;

	buf_addc(b, '(');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, " and ");
		sb_value_cmp(b, &sb->key[i], l, i, '=');
	}
	buf_addc(b, ')');
}

/* Append the expanded range comparison (gh-ost BuildRangeComparison). */
static void
sb_range_cmp(struct buf *b, const struct sqlbuild *sb, const struct sb_lits *l,
    enum sqlbuild_cmp cmp)
{
	char	op = cmp == SQLBUILD_LT || cmp == SQLBUILD_LE ? '<' : '>';
	bool	eq = cmp == SQLBUILD_LE || cmp == SQLBUILD_GE;
	size_t	i;

	buf_addc(b, '(');
	for (i = 0; i < sb->nkey; i++) {
		if (i > 0) {
			buf_adds(b, " or (");
			sb_equals(b, sb, l, i);
			buf_adds(b, " AND ");
			sb_value_cmp(b, &sb->key[i], l, i, op);
			buf_addc(b, ')');
		} else
			sb_value_cmp(b, &sb->key[i], l, i, op);
	}
	if (eq) {
		buf_adds(b, " or ");
		sb_equals(b, sb, l, sb->nkey);
	}
	buf_addc(b, ')');
}

/* Append the range comparison of a key value from a result set. */
int
sqlbuild_range_comparison(const struct sqlbuild *sb,
    const struct sqlbuild_value *v, enum sqlbuild_cmp cmp, struct buf *b,
    char **cause)
{
	struct sb_lits	l;

	if (sb_lits_from_values(sb, v, &l, cause) != 0)
		return -1;
	sb_range_cmp(b, sb, &l, cmp);
	sb_lits_release(&l);
	return 0;
}

/* Append the key's columns, "`k1`, `k2`". */
static void
sb_key_list(struct buf *b, const struct sqlbuild *sb)
{
	size_t	i;

	for (i = 0; i < sb->nkey; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		buf_add_ident(b, sb->key[i].name);
	}
}

/* Append the key's ORDER BY list; ENUMs sort by their text, concat(k), as
 * the comparisons see them (gh-ost). */
static void
sb_key_order(struct buf *b, const struct sqlbuild *sb, const char *dir)
{
	size_t	i;

	for (i = 0; i < sb->nkey; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		if (sb->key[i].type == COLUMN_TYPE_ENUM) {
			buf_adds(b, "concat(");
			buf_add_ident(b, sb->key[i].name);
			buf_addc(b, ')');
		} else
			buf_add_ident(b, sb->key[i].name);
		buf_addf(b, " %s", dir);
	}
}

/* Append "`db`.`t` force index (`key`)". */
static void
sb_from_key(struct buf *b, const struct sqlbuild *sb)
{
	sb_add_qualified(b, sb->db, sb->table);
	buf_adds(b, " force index (");
	buf_add_ident(b, sb->key_name);
	buf_addc(b, ')');
}

/* The min or max key values. */
static void
sb_range_minmax(const struct sqlbuild *sb, struct buf *b, const char *dir)
{
	buf_adds(b, "select ");
	sb_add_comment(b, sb->db, sb->table, NULL);
	buf_addc(b, ' ');
	sb_key_list(b, sb);
	buf_adds(b, " from ");
	sb_from_key(b, sb);
	buf_adds(b, " order by ");
	sb_key_order(b, sb, dir);
	buf_adds(b, " limit 1");
}

/* The first key values. */
void
sqlbuild_range_min(const struct sqlbuild *sb, struct buf *b)
{
	sb_range_minmax(sb, b, "asc");
}

/* The last key values. */
void
sqlbuild_range_max(const struct sqlbuild *sb, struct buf *b)
{
	sb_range_minmax(sb, b, "desc");
}

/* May the range between s and e use gh-ost's two-column UNION form? Its
 * plain comparisons hold only without NULLs. */
static bool
sb_two_column(const struct sqlbuild *sb, const struct sb_lits *s,
    const struct sb_lits *e)
{
	return sb->nkey == 2 && !sb->key_nullable && !s->is_null[0] &&
	    !s->is_null[1] && !e->is_null[0] && !e->is_null[1];
}

/* Append "`c` op v" without parentheses (the two-column forms). */
static void
sb_plain_cmp(struct buf *b, const struct sb_col *c, const char *op,
    const char *lit)
{
	buf_add_ident(b, c->name);
	buf_addf(b, " %s %s", op, lit);
}

/* Append the single range of a two-column key whose first values are the
 * same: "(k1 = s1 and k2 > s2 and k2 <= e2)". */
static void
sb_two_single(struct buf *b, const struct sqlbuild *sb, const struct sb_lits *s,
    const char *op, const struct sb_lits *e)
{
	buf_addc(b, '(');
	sb_plain_cmp(b, &sb->key[0], "=", s->sql[0]);
	buf_adds(b, " and ");
	sb_plain_cmp(b, &sb->key[1], op, s->sql[1]);
	buf_adds(b, " and ");
	sb_plain_cmp(b, &sb->key[1], "<=", e->sql[1]);
	buf_addc(b, ')');
}

/* Append gh-ost's three parts (buildTwoColumnUnionParts):
 *   (select SEL from FROM where k1 = s1 and k2 op s2 SUFFIX) union all
 *   (select SEL from FROM where k1 > s1 and k1 < e1 SUFFIX) union all
 *   (select SEL from FROM where k1 = e1 and k2 <= e2 SUFFIX)
 * SEL is the shared columns (copy) or the key (range end). */
static void
sb_two_union(struct buf *b, const struct sqlbuild *sb, bool copy,
    const struct sb_lits *s, const char *op, const struct sb_lits *e,
    const char *suffix)
{
	int	part;
	size_t	i;

	for (part = 0; part < 3; part++) {
		if (part > 0)
			buf_adds(b, " union all ");
		buf_adds(b, "(select ");
		if (copy) {
			for (i = 0; i < sb->nshared; i++) {
				if (i > 0)
					buf_adds(b, ", ");
				buf_add_ident(b, sb->shared[i].name);
			}
		} else
			sb_key_list(b, sb);
		buf_adds(b, " from ");
		sb_from_key(b, sb);
		buf_adds(b, " where ");
		switch (part) {
		case 0:
			sb_plain_cmp(b, &sb->key[0], "=", s->sql[0]);
			buf_adds(b, " and ");
			sb_plain_cmp(b, &sb->key[1], op, s->sql[1]);
			break;
		case 1:
			sb_plain_cmp(b, &sb->key[0], ">", s->sql[0]);
			buf_adds(b, " and ");
			sb_plain_cmp(b, &sb->key[0], "<", e->sql[0]);
			break;
		default:
			sb_plain_cmp(b, &sb->key[0], "=", e->sql[0]);
			buf_adds(b, " and ");
			sb_plain_cmp(b, &sb->key[1], "<=", e->sql[1]);
			break;
		}
		if (suffix != NULL && *suffix != '\0')
			buf_addf(b, " %s", suffix);
		buf_addc(b, ')');
	}
}

/* Append the next range end query. */
int
sqlbuild_range_end(const struct sqlbuild *sb, enum sqlbuild_end_form form,
    const struct sqlbuild_value *start, bool include_start,
    const struct sqlbuild_value *max, uint64_t chunk_size, uint64_t iteration,
    struct buf *b, char **cause)
{
	struct sb_lits	 s, e;
	struct buf	 order = BUF_INIT, inner = BUF_INIT;
	char		 hint[48];
	const char	*op = include_start ? ">=" : ">";
	char		*suffix;

	if (chunk_size == 0) {
		*cause = xstrdup("chunk size must be positive");
		return -1;
	}
	if (sb_lits_from_values(sb, start, &s, cause) != 0)
		return -1;
	if (sb_lits_from_values(sb, max, &e, cause) != 0) {
		sb_lits_release(&s);
		return -1;
	}
	snprintf(hint, sizeof hint, "iteration:%" PRIu64, iteration);
	sb_key_order(&order, sb, "asc");

	/* inner: "<source> where <range>", the rows from start to max. */
	if (sb_two_column(sb, &s, &e) && strcmp(s.sql[0], e.sql[0]) != 0) {
		suffix = xasprintf("order by %s limit %" PRIu64, buf_str(&order),
		    chunk_size);
		buf_addc(&inner, '(');
		sb_two_union(&inner, sb, false, &s, op, &e, suffix);
		buf_adds(&inner, ") t");
		free(suffix);
	} else {
		sb_from_key(&inner, sb);
		buf_adds(&inner, " where ");
		if (sb_two_column(sb, &s, &e))
			sb_two_single(&inner, sb, &s, op, &e);
		else {
			sb_range_cmp(&inner, sb, &s, include_start ?
			    SQLBUILD_GE : SQLBUILD_GT);
			buf_adds(&inner, " and ");
			sb_range_cmp(&inner, sb, &e, SQLBUILD_LE);
		}
	}

	buf_adds(b, "select ");
	sb_add_comment(b, sb->db, sb->table, hint);
	buf_addc(b, ' ');
	sb_key_list(b, sb);
	buf_adds(b, " from ");
	if (form == SQLBUILD_END_OFFSET) {
		buf_addf(b, "%s order by %s limit 1 offset %" PRIu64,
		    buf_str(&inner), buf_str(&order), chunk_size - 1);
	} else {
		buf_adds(b, "(select ");
		sb_key_list(b, sb);
		buf_addf(b, " from %s order by %s limit %" PRIu64
		    ") select_osc_chunk order by ", buf_str(&inner),
		    buf_str(&order), chunk_size);
		sb_key_order(b, sb, "desc");
		buf_adds(b, " limit 1");
	}
	buf_release(&order);
	buf_release(&inner);
	sb_lits_release(&s);
	sb_lits_release(&e);
	return 0;
}

/* The copy's locking clause. */
static const char *
sb_lock_clause(const struct sqlbuild *sb)
{
	switch (sb->lock) {
	case SQLBUILD_LOCK_SHARE:
		return "lock in share mode";
	case SQLBUILD_LOCK_FOR_SHARE_NOWAIT:
		return "for share nowait";
	case SQLBUILD_LOCK_SHARE_NOWAIT:
		return "lock in share mode nowait";
	case SQLBUILD_LOCK_NONE:
		break;
	}
	return "";
}

/* Append a column list by original or ghost names. */
static void
sb_shared_list(struct buf *b, const struct sqlbuild *sb, bool ghost)
{
	size_t	i;

	for (i = 0; i < sb->nshared; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		buf_add_ident(b, ghost ? sb->shared[i].ghost_name :
		    sb->shared[i].name);
	}
}

/* Append a chunk copy. */
int
sqlbuild_copy_chunk(const struct sqlbuild *sb,
    const struct sqlbuild_value *start, bool include_start,
    const struct sqlbuild_value *end, struct buf *b, char **cause)
{
	struct sb_lits	 s, e;
	const char	*lock = sb_lock_clause(sb);

	if (sb_lits_from_values(sb, start, &s, cause) != 0)
		return -1;
	if (sb_lits_from_values(sb, end, &e, cause) != 0) {
		sb_lits_release(&s);
		return -1;
	}
	buf_adds(b, "insert ");
	sb_add_comment(b, sb->db, sb->table, NULL);
	buf_adds(b, " ignore into ");
	sb_add_qualified(b, sb->db, sb->ghost);
	buf_adds(b, " (");
	sb_shared_list(b, sb, true);
	buf_adds(b, ") ");
	if (sb_two_column(sb, &s, &e) && strcmp(s.sql[0], e.sql[0]) != 0) {
		sb_two_union(b, sb, true, &s, include_start ? ">=" : ">", &e,
		    lock);
	} else {
		buf_adds(b, "(select ");
		sb_shared_list(b, sb, false);
		buf_adds(b, " from ");
		sb_from_key(b, sb);
		buf_adds(b, " where ");
		if (sb_two_column(sb, &s, &e)) {
			sb_two_single(b, sb, &s, include_start ? ">=" : ">",
			    &e);
		} else {
			buf_addc(b, '(');
			sb_range_cmp(b, sb, &s, include_start ? SQLBUILD_GE :
			    SQLBUILD_GT);
			buf_adds(b, " and ");
			sb_range_cmp(b, sb, &e, SQLBUILD_LE);
			buf_addc(b, ')');
		}
		if (*lock != '\0')
			buf_addf(b, " %s", lock);
		buf_addc(b, ')');
	}
	sb_lits_release(&s);
	sb_lits_release(&e);
	return 0;
}

/* Append "(v1, v2, ...)": the shared columns of an after image. */
static int
sb_image_tuple(const struct sqlbuild *sb, const struct rowimage_row *row,
    struct buf *b, char **cause)
{
	size_t	i, room = 2;
	unsigned int ord;

	/* Room for the whole tuple at once: strings double as hex, other
	 * values take a few dozen bytes. */
	for (i = 0; i < sb->nshared; i++) {
		ord = sb->shared[i].ordinal;
		room += 32 + (ord < row->ncols && row->values[ord].str != NULL ?
		    2 * row->values[ord].len : 0);
	}
	buf_grow(b, room);
	buf_addc(b, '(');
	for (i = 0; i < sb->nshared; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		if (sb_image_sql(sb, &sb->shared[i], row, b, cause) != 0)
			return -1;
	}
	buf_addc(b, ')');
	return 0;
}

/* Append lead, the comment, into, then "gho (cols) values ". */
static void
sb_write_head(const struct sqlbuild *sb, struct buf *b, const char *lead,
    const char *into)
{
	buf_adds(b, lead);
	sb_add_comment(b, sb->db, sb->ghost, NULL);
	buf_adds(b, into);
	sb_add_qualified(b, sb->db, sb->ghost);
	buf_adds(b, " (");
	sb_shared_list(b, sb, true);
	buf_adds(b, ") values ");
}

/* Append "insert ignore into gho (cols) values " or its REPLACE. */
static void
sb_insert_head(const struct sqlbuild *sb, struct buf *b)
{
	if (sb->insert == SQLBUILD_INSERT_REPLACE)
		sb_write_head(sb, b, "replace ", " into ");
	else
		sb_write_head(sb, b, "insert ", " ignore into ");
}

/* Append an insert of one or more after images. */
int
sqlbuild_dml_insert(const struct sqlbuild *sb,
    const struct rowimage_row *const *rows, size_t nrows, struct buf *b,
    char **cause)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	if (nrows == 0) {
		*cause = xstrdup("no rows to insert");
		return -1;
	}
	sb_insert_head(sb, &t);
	for (i = 0; i < nrows; i++) {
		if (i > 0)
			buf_adds(&t, ", ");
		if (sb_image_tuple(sb, rows[i], &t, cause) != 0) {
			buf_release(&t);
			return -1;
		}
	}
	buf_add(b, t.data, t.len);
	buf_release(&t);
	return 0;
}

/* Append "((k1 = v1) and ...)" for a row image's key on the ghost; "<=>"
 * for nullable key columns. */
static int
sb_key_cond(const struct sqlbuild *sb, const struct rowimage_row *row,
    struct buf *b, char **cause)
{
	struct sb_lits	l;
	size_t		i;

	if (sb_lits_from_image(sb, row, &l, cause) != 0)
		return -1;
	buf_addc(b, '(');
	for (i = 0; i < sb->nkey; i++) {
		if (i > 0)
			buf_adds(b, " and ");
		buf_addc(b, '(');
		buf_add_ident(b, sb->key[i].ghost_name);
		buf_addf(b, " %s %s)", sb->key[i].nullable ? "<=>" : "=",
		    l.sql[i]);
	}
	buf_addc(b, ')');
	sb_lits_release(&l);
	return 0;
}

/* Append " where ((k1 = v1) and ...)". */
static int
sb_where_key(const struct sqlbuild *sb, const struct rowimage_row *row,
    struct buf *b, char **cause)
{
	buf_adds(b, " where ");
	return sb_key_cond(sb, row, b, cause);
}

/* Append a delete of a before image's key. */
int
sqlbuild_dml_delete(const struct sqlbuild *sb, const struct rowimage_row *before,
    struct buf *b, char **cause)
{
	struct buf	t = BUF_INIT;

	buf_adds(&t, "delete ");
	sb_add_comment(&t, sb->db, sb->ghost, NULL);
	buf_adds(&t, " from ");
	sb_add_qualified(&t, sb->db, sb->ghost);
	if (sb_where_key(sb, before, &t, cause) != 0) {
		buf_release(&t);
		return -1;
	}
	buf_add(b, t.data, t.len);
	buf_release(&t);
	return 0;
}

/* Append an update of every shared column. */
int
sqlbuild_dml_update(const struct sqlbuild *sb, const struct rowimage_row *before,
    const struct rowimage_row *after, struct buf *b, char **cause)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	buf_adds(&t, "update ");
	sb_add_comment(&t, sb->db, sb->ghost, NULL);
	buf_addc(&t, ' ');
	sb_add_qualified(&t, sb->db, sb->ghost);
	buf_adds(&t, " set ");
	for (i = 0; i < sb->nshared; i++) {
		if (i > 0)
			buf_adds(&t, ", ");
		buf_add_ident(&t, sb->shared[i].ghost_name);
		buf_addc(&t, '=');
		if (sb_image_sql(sb, &sb->shared[i], after, &t, cause) != 0)
			goto fail;
	}
	if (sb_where_key(sb, before, &t, cause) != 0)
		goto fail;
	buf_add(b, t.data, t.len);
	buf_release(&t);
	return 0;
fail:
	buf_release(&t);
	return -1;
}

/* Compare the key literals of two images. */
int
sqlbuild_key_changed(const struct sqlbuild *sb, const struct rowimage_row *before,
    const struct rowimage_row *after, bool *changed, char **cause)
{
	struct sb_lits	a, z;
	size_t		i;

	if (sb_lits_from_image(sb, before, &a, cause) != 0)
		return -1;
	if (sb_lits_from_image(sb, after, &z, cause) != 0) {
		sb_lits_release(&a);
		return -1;
	}
	*changed = false;
	for (i = 0; i < sb->nkey; i++) {
		if (strcmp(a.sql[i], z.sql[i]) != 0)
			*changed = true;
	}
	sb_lits_release(&a);
	sb_lits_release(&z);
	return 0;
}

/* Start an empty batch. */
void
sqlbuild_batch_init(struct sqlbuild_batch *batch, size_t max_insert_rows)
{
	memset(batch, 0, sizeof *batch);
	batch->max_insert_rows = max_insert_rows;
}

/* The net change of one key in a keyed batch. */
enum sb_keyop_kind {
	SB_KEY_INS,		/* insert the row if the key is absent */
	SB_KEY_SET,		/* the key holds the row */
	SB_KEY_DEL,		/* the key is absent */
};

struct sqlbuild_keyop {
	char			*cond;	/* "((k = v))": the key, and its SQL */
	enum sb_keyop_kind	 kind;
	bool			 strict;	/* SET by an UPDATE: written with
						   a plain INSERT, so that what
						   UPDATE would refuse (data too
						   long in strict mode) still
						   fails, not just warns */
	struct buf		 tuple;	/* "(v1, ..)" for INS and SET */
};

/* Start an empty batch by key. */
void
sqlbuild_batch_init_keyed(struct sqlbuild_batch *batch)
{
	memset(batch, 0, sizeof *batch);
	batch->keyed = true;
}

/* Free the batch's statements; it is empty again. */
void
sqlbuild_batch_release(struct sqlbuild_batch *batch)
{
	size_t	i;
	bool	keyed = batch->keyed;

	for (i = 0; i < batch->n; i++)
		buf_release(&batch->v[i].sql);
	free(batch->v);
	for (i = 0; i < batch->nops; i++) {
		free(batch->ops[i].cond);
		buf_release(&batch->ops[i].tuple);
	}
	free(batch->ops);
	free(batch->slots);
	if (keyed)
		sqlbuild_batch_init_keyed(batch);
	else
		sqlbuild_batch_init(batch, batch->max_insert_rows);
}

/* Append a statement, taking over t. */
static void
sb_batch_push(struct sqlbuild_batch *batch, struct buf *t, int delta,
    bool is_insert)
{
	struct sqlbuild_stmt	*st;

	batch->v = xreallocarray(batch->v, batch->n + 1, sizeof *batch->v);
	st = &batch->v[batch->n++];
	st->sql = *t;
	st->delta = delta;
	st->nrows = 1;
	st->is_insert = is_insert;
	buf_init(t);
}

/* Append sep and part's text of row to the last statement, which has
 * room. */
static int
sb_batch_extend(const struct sqlbuild *sb, struct sqlbuild_stmt *last,
    const char *sep, int (*part)(const struct sqlbuild *,
    const struct rowimage_row *, struct buf *, char **),
    const struct rowimage_row *row, char **cause)
{
	struct buf	t = BUF_INIT;

	buf_adds(&t, sep);
	if (part(sb, row, &t, cause) != 0) {
		buf_release(&t);
		return -1;
	}
	buf_add(&last->sql, t.data, t.len);
	last->nrows++;
	buf_release(&t);
	return 0;
}

/* Add an insert of after: a row appended to the last statement when that
 * is an insert with room, else a new statement. */
static int
sb_batch_insert(const struct sqlbuild *sb, struct sqlbuild_batch *batch,
    const struct rowimage_row *after, char **cause)
{
	struct sqlbuild_stmt	*last;
	struct buf		 t = BUF_INIT;

	last = batch->n > 0 ? &batch->v[batch->n - 1] : NULL;
	if (last != NULL && last->is_insert &&
	    last->nrows < batch->max_insert_rows)
		return sb_batch_extend(sb, last, ", ", sb_image_tuple, after,
		    cause);
	if (sqlbuild_dml_insert(sb, &after, 1, &t, cause) != 0)
		return -1;
	sb_batch_push(batch, &t, 1, true);
	return 0;
}

/* Add a delete of before's key: " or (key)" appended to the last statement
 * when that is a delete with room (deletes of different rows commute),
 * else a new statement. */
static int
sb_batch_delete(const struct sqlbuild *sb, struct sqlbuild_batch *batch,
    const struct rowimage_row *before, char **cause)
{
	struct sqlbuild_stmt	*last;
	struct buf		 t = BUF_INIT;

	last = batch->n > 0 ? &batch->v[batch->n - 1] : NULL;
	if (last != NULL && last->delta < 0 &&
	    last->nrows < batch->max_insert_rows)
		return sb_batch_extend(sb, last, " or ", sb_key_cond, before,
		    cause);
	if (sqlbuild_dml_delete(sb, before, &t, cause) != 0)
		return -1;
	sb_batch_push(batch, &t, -1, false);
	return 0;
}

/* FNV-1a of a key's text. */
static size_t
sb_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot of cond in the hash: its op's, or the free one to take. */
static size_t *
sb_keyed_slot(struct sqlbuild_batch *batch, const char *cond)
{
	size_t	i, mask = batch->nslots - 1;

	for (i = sb_hash(cond) & mask;; i = (i + 1) & mask) {
		if (batch->slots[i] == 0 ||
		    strcmp(batch->ops[batch->slots[i] - 1].cond, cond) == 0)
			return &batch->slots[i];
	}
}

/* Make room for one more op: the hash stays at most half full. */
static void
sb_keyed_grow(struct sqlbuild_batch *batch)
{
	size_t	i;

	if (2 * (batch->nops + 1) <= batch->nslots)
		return;
	free(batch->slots);
	batch->nslots = batch->nslots == 0 ? 64 : 2 * batch->nslots;
	batch->slots = xcalloc(batch->nslots, sizeof *batch->slots);
	for (i = 0; i < batch->nops; i++)
		*sb_keyed_slot(batch, batch->ops[i].cond) = i + 1;
}

/* Fold a change of one key into the batch, taking over cond and tuple. */
static void
sb_keyed_fold(struct sqlbuild_batch *batch, char *cond,
    enum sb_keyop_kind kind, struct buf *tuple)
{
	struct sqlbuild_keyop	*op;
	size_t			*slot;

	sb_keyed_grow(batch);
	slot = sb_keyed_slot(batch, cond);
	if (*slot == 0) {
		batch->ops = xreallocarray(batch->ops, batch->nops + 1,
		    sizeof *batch->ops);
		op = &batch->ops[batch->nops++];
		op->cond = cond;
		op->kind = kind;
		op->strict = kind == SB_KEY_SET;
		op->tuple = *tuple;
		buf_init(tuple);
		*slot = batch->nops;
		return;
	}
	op = &batch->ops[*slot - 1];
	free(cond);
	/* INS after INS or SET: the row is there, the insert is ignored. */
	if (kind == SB_KEY_INS && op->kind != SB_KEY_DEL) {
		buf_release(tuple);
		return;
	}
	/* INS after DEL is SET; SET and DEL replace whatever was. */
	op->kind = kind == SB_KEY_INS ? SB_KEY_SET : kind;
	op->strict = kind == SB_KEY_SET;
	buf_release(&op->tuple);
	op->tuple = *tuple;
	buf_init(tuple);
}

/* The key's condition and, unless kind is DEL, the row's tuple. */
static int
sb_keyed_texts(const struct sqlbuild *sb, const struct rowimage_row *row,
    enum sb_keyop_kind kind, char **cond, struct buf *tuple, char **cause)
{
	struct buf	c = BUF_INIT;

	if (sb_key_cond(sb, row, &c, cause) != 0) {
		buf_release(&c);
		return -1;
	}
	if (kind != SB_KEY_DEL && sb_image_tuple(sb, row, tuple, cause) != 0) {
		buf_release(&c);
		buf_release(tuple);
		return -1;
	}
	*cond = buf_detach(&c);
	return 0;
}

/* The row alias of upserts on MySQL 8.0.19+ (sqlbuild_desc.row_alias). */
#define SB_ROW_ALIAS	"_wisp_new"

/* Append " on duplicate key update `c` = values(`c`), .." over every
 * shared column of the ghost: the row written replaces the one its key
 * holds, in place. Key columns are assigned their own value, so a table of
 * key columns alone still has an assignment. With a row alias:
 * " as `_wisp_new` on duplicate key update `c` = `_wisp_new`.`c`, ..". */
static void
sb_upsert_tail(const struct sqlbuild *sb, struct buf *b)
{
	size_t	i;

	if (sb->row_alias)
		buf_adds(b, " as `" SB_ROW_ALIAS "`");
	buf_adds(b, " on duplicate key update ");
	for (i = 0; i < sb->nshared; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		buf_add_ident(b, sb->shared[i].ghost_name);
		if (sb->row_alias) {
			buf_adds(b, " = `" SB_ROW_ALIAS "`.");
			buf_add_ident(b, sb->shared[i].ghost_name);
		} else {
			buf_adds(b, " = values(");
			buf_add_ident(b, sb->shared[i].ghost_name);
			buf_addc(b, ')');
		}
	}
}

/* The fixed parts of a keyed batch's statements. The upsert that ignores
 * errors is INSERT IGNORE, REPLACE or not (REPLACE cannot carry ON
 * DUPLICATE KEY UPDATE): with one unique key both overwrite the row of
 * the key, in place here. */
static void
sb_keyed_heads(struct sqlbuild *sb)
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, "delete ");
	sb_add_comment(&b, sb->db, sb->ghost, NULL);
	buf_adds(&b, " from ");
	sb_add_qualified(&b, sb->db, sb->ghost);
	buf_adds(&b, " where ");
	sb->keyed_delete = buf_detach(&b);
	sb_write_head(sb, &b, "insert ", " ignore into ");
	sb->keyed_upsert = buf_detach(&b);
	sb_write_head(sb, &b, "insert ", " into ");
	sb->keyed_strict = buf_detach(&b);
	sb_upsert_tail(sb, &b);
	sb->keyed_tail = buf_detach(&b);
}

/* Add one event to a keyed batch: build every text first, then fold. */
static int
sb_keyed_add(const struct sqlbuild *sb, struct sqlbuild_batch *batch,
    enum sqlbuild_dml dml, const struct rowimage_row *before,
    const struct rowimage_row *after, char **cause)
{
	struct buf	 t1 = BUF_INIT, t2 = BUF_INIT;
	char		*c1 = NULL, *c2 = NULL;
	bool		 changed = false;

	if (sb->key_nullable) {
		*cause = xstrdup("a batch by key needs a key without NULLs");
		return -1;
	}
	switch (dml) {
	case SQLBUILD_DML_INSERT:
		if (sb_keyed_texts(sb, after, SB_KEY_INS, &c1, &t1, cause) != 0)
			return -1;
		sb_keyed_fold(batch, c1, SB_KEY_INS, &t1);
		break;
	case SQLBUILD_DML_DELETE:
		if (sb_keyed_texts(sb, before, SB_KEY_DEL, &c1, &t1, cause) != 0)
			return -1;
		sb_keyed_fold(batch, c1, SB_KEY_DEL, &t1);
		break;
	case SQLBUILD_DML_UPDATE:
		if (sqlbuild_key_changed(sb, before, after, &changed, cause) != 0)
			return -1;
		if (!changed) {
			if (sb_keyed_texts(sb, after, SB_KEY_SET, &c1, &t1,
			    cause) != 0)
				return -1;
			sb_keyed_fold(batch, c1, SB_KEY_SET, &t1);
			break;
		}
		if (sb_keyed_texts(sb, before, SB_KEY_DEL, &c1, &t1, cause) != 0)
			return -1;
		if (sb_keyed_texts(sb, after, SB_KEY_INS, &c2, &t2,
		    cause) != 0) {
			free(c1);
			return -1;
		}
		sb_keyed_fold(batch, c1, SB_KEY_DEL, &t1);
		sb_keyed_fold(batch, c2, SB_KEY_INS, &t2);
		break;
	default:
		*cause = xasprintf("unknown dml event type %d", (int)dml);
		return -1;
	}
	batch->delete_head = sb->keyed_delete;
	batch->insert_head = sb->keyed_upsert;
	batch->strict_head = sb->keyed_strict;
	batch->upsert_tail = sb->keyed_tail;
	batch->events++;
	return 0;
}

/* Add the statements of one row event. */
int
sqlbuild_batch_add(const struct sqlbuild *sb, struct sqlbuild_batch *batch,
    enum sqlbuild_dml dml, const struct rowimage_row *before,
    const struct rowimage_row *after, char **cause)
{
	struct buf	t = BUF_INIT, ins = BUF_INIT;
	bool		changed;

	if ((dml != SQLBUILD_DML_DELETE && after == NULL) ||
	    (dml != SQLBUILD_DML_INSERT && before == NULL)) {
		*cause = xstrdup("row event lacks the image it needs");
		return -1;
	}
	if (batch->keyed)
		return sb_keyed_add(sb, batch, dml, before, after, cause);
	switch (dml) {
	case SQLBUILD_DML_INSERT:
		if (sb_batch_insert(sb, batch, after, cause) != 0)
			return -1;
		break;
	case SQLBUILD_DML_DELETE:
		if (sb_batch_delete(sb, batch, before, cause) != 0)
			return -1;
		break;
	case SQLBUILD_DML_UPDATE:
		if (sqlbuild_key_changed(sb, before, after, &changed, cause) != 0)
			return -1;
		if (!changed) {
			if (sqlbuild_dml_update(sb, before, after, &t,
			    cause) != 0)
				return -1;
			sb_batch_push(batch, &t, 0, false);
			break;
		}
		/* A new key: the row leaves its place and arrives at
		 * another; build both before adding either. */
		if (sqlbuild_dml_delete(sb, before, &t, cause) != 0)
			return -1;
		if (sqlbuild_dml_insert(sb, &after, 1, &ins, cause) != 0) {
			buf_release(&t);
			return -1;
		}
		sb_batch_push(batch, &t, -1, false);
		sb_batch_push(batch, &ins, 1, true);
		break;
	default:
		*cause = xasprintf("unknown dml event type %d", (int)dml);
		return -1;
	}
	batch->events++;
	return 0;
}

/* Does the keyed batch's statement `which` (0 the delete, 1 the upsert
 * that ignores errors, 2 the strict upsert) take op? */
static bool
sb_keyed_takes(const struct sqlbuild_keyop *op, int which)
{
	switch (which) {
	case 0:
		return op->kind == SB_KEY_DEL;
	case 1:
		return op->kind == SB_KEY_INS ||
		    (op->kind == SB_KEY_SET && !op->strict);
	default:
		return op->kind == SB_KEY_SET && op->strict;
	}
}

/* The keyed batch's statements (sqlbuild.h): the delete of DEL keys, the
 * INSERT IGNORE .. ON DUPLICATE KEY UPDATE of INS rows and of SET rows an
 * INSERT event left, the plain INSERT .. ON DUPLICATE KEY UPDATE of SET
 * rows an UPDATE left. Empty ones are left out. */
static void
sb_keyed_join(const struct sqlbuild_batch *batch, bool transaction,
    struct buf *b)
{
	size_t	i, n = 0;
	int	which;
	bool	first;

	for (which = 0; which < 3; which++) {
		first = true;
		for (i = 0; i < batch->nops; i++) {
			if (!sb_keyed_takes(&batch->ops[i], which))
				continue;
			if (first && n > 0)
				buf_adds(b, ";\n");
			if (which == 0) {
				buf_adds(b, first ? batch->delete_head : " or ");
				buf_adds(b, batch->ops[i].cond);
			} else {
				buf_adds(b, !first ? ", " : which == 1 ?
				    batch->insert_head : batch->strict_head);
				buf_add(b, batch->ops[i].tuple.data,
				    batch->ops[i].tuple.len);
			}
			first = false;
		}
		if (!first) {
			if (which > 0)
				buf_adds(b, batch->upsert_tail);
			n++;
		}
	}
	if (transaction)
		buf_adds(b, n > 0 ? ";\ncommit" : "commit");
}

/* Join the batch's statements. */
void
sqlbuild_batch_join(const struct sqlbuild_batch *batch, bool transaction,
    struct buf *b)
{
	size_t	i;

	if (transaction)
		buf_adds(b, "start transaction;\n");
	if (batch->keyed) {
		sb_keyed_join(batch, transaction, b);
		return;
	}
	for (i = 0; i < batch->n; i++) {
		if (i > 0)
			buf_adds(b, ";\n");
		buf_add(b, batch->v[i].sql.data, batch->v[i].sql.len);
	}
	if (transaction)
		buf_adds(b, batch->n > 0 ? ";\ncommit" : "commit");
}

/* --panic-on-warnings: the batch with SHOW WARNINGS after each statement,
 * in an open transaction. */
void
sqlbuild_batch_join_checked(const struct sqlbuild_batch *batch, struct buf *b)
{
	size_t	i;

	buf_adds(b, "start transaction");
	for (i = 0; i < batch->n; i++) {
		buf_adds(b, ";\n");
		buf_add(b, batch->v[i].sql.data, batch->v[i].sql.len);
		buf_adds(b, ";\n");
		sqlbuild_show_warnings(b);
	}
}

/* How many statements the join writes. */
size_t
sqlbuild_batch_statements(const struct sqlbuild_batch *batch)
{
	size_t	i, n = 0;
	int	which;

	if (!batch->keyed)
		return batch->n;
	for (which = 0; which < 3; which++) {
		for (i = 0; i < batch->nops; i++) {
			if (sb_keyed_takes(&batch->ops[i], which)) {
				n++;
				break;
			}
		}
	}
	return n;
}

/* The explicit changelog id of a hint (gh-ost WriteChangelog). */
int
sqlbuild_changelog_id(const char *hint)
{
	if (strcmp(hint, "heartbeat") == 0)
		return 1;
	if (strcmp(hint, "state") == 0)
		return 2;
	if (strcmp(hint, "throttle") == 0)
		return 3;
	return 0;
}

/* Append a changelog write. */
void
sqlbuild_changelog(struct buf *b, const char *db, const char *changelog,
    const char *hint, const char *value, bool row_alias)
{
	int	id = sqlbuild_changelog_id(hint);

	buf_adds(b, "insert /* wisp */ into ");
	sb_add_qualified(b, db, changelog);
	buf_adds(b, " (id, hint, value) values (");
	if (id > 0)
		buf_addf(b, "%d", id);
	else
		buf_adds(b, "NULL");
	buf_adds(b, ", ");
	sb_add_text(b, hint);
	buf_adds(b, ", ");
	sb_add_text(b, value);
	if (row_alias)
		buf_adds(b, ") as " SB_ROW_ALIAS " on duplicate key update "
		    "last_update=NOW(), value=" SB_ROW_ALIAS ".value");
	else
		buf_adds(b, ") on duplicate key update last_update=NOW(), "
		    "value=VALUES(value)");
}

/* Lock one or two tables for writing. */
void
sqlbuild_lock_tables(struct buf *b, const char *db, const char *table,
    const char *table2)
{
	buf_adds(b, "lock /* wisp */ tables ");
	sb_add_qualified(b, db, table);
	buf_adds(b, " write");
	if (table2 != NULL) {
		buf_adds(b, ", ");
		sb_add_qualified(b, db, table2);
		buf_adds(b, " write");
	}
}

/* Release the session's table locks. */
void
sqlbuild_unlock_tables(struct buf *b)
{
	buf_adds(b, "unlock /* wisp */ tables");
}

/* Append "rename table a to b, c to d". */
static void
sb_rename2(struct buf *b, const char *db, const char *a, const char *to_a,
    const char *c, const char *to_c)
{
	buf_adds(b, "rename /* wisp */ table ");
	sb_add_qualified(b, db, a);
	buf_adds(b, " to ");
	sb_add_qualified(b, db, to_a);
	if (c != NULL) {
		buf_adds(b, ", ");
		sb_add_qualified(b, db, c);
		buf_adds(b, " to ");
		sb_add_qualified(b, db, to_c);
	}
}

/* Swap the ghost in and the original out, in one RENAME. */
void
sqlbuild_rename_swap(struct buf *b, const char *db, const char *table,
    const char *old, const char *ghost)
{
	sb_rename2(b, db, table, old, ghost, table);
}

/* Undo the swap, in one RENAME. */
void
sqlbuild_rename_rollback(struct buf *b, const char *db, const char *table,
    const char *old, const char *ghost)
{
	sb_rename2(b, db, table, ghost, old, table);
}

/* Rename one table. */
void
sqlbuild_rename(struct buf *b, const char *db, const char *from, const char *to)
{
	sb_rename2(b, db, from, to, NULL, NULL);
}

/* Rename one table by ALTER (two-step cut-over). */
void
sqlbuild_alter_rename(struct buf *b, const char *db, const char *from,
    const char *to)
{
	buf_adds(b, "alter /* wisp */ table ");
	sb_add_qualified(b, db, from);
	buf_adds(b, " rename ");
	sb_add_qualified(b, db, to);
}

/* Create the cut-over sentry table. */
void
sqlbuild_create_sentry(struct buf *b, const char *db, const char *old,
    const char *engine)
{
	buf_adds(b, "create /* wisp */ table ");
	sb_add_qualified(b, db, old);
	buf_adds(b, " (id int auto_increment primary key) engine=");
	buf_add_ident(b, engine != NULL ? engine : "InnoDB");
	buf_adds(b, " comment='" SQLBUILD_SENTRY_COMMENT "'");
}

/* Drop a table if it exists. */
void
sqlbuild_drop_table(struct buf *b, const char *db, const char *table)
{
	buf_adds(b, "drop /* wisp */ table if exists ");
	sb_add_qualified(b, db, table);
}

/* Read a table's comment. */
void
sqlbuild_table_comment(struct buf *b, const char *db, const char *table)
{
	buf_adds(b, "select /* wisp */ table_comment from "
	    "information_schema.tables where table_schema = ");
	sb_add_text(b, db);
	buf_adds(b, " and table_name = ");
	sb_add_text(b, table);
}

/* Append "select fn(" for a lock function. */
static void
sb_lockfn_head(struct buf *b, enum sqlbuild_lockfn fn)
{
	switch (fn) {
	case SQLBUILD_GET_LOCK:
		buf_adds(b, "select /* wisp */ get_lock(");
		break;
	case SQLBUILD_IS_USED_LOCK:
		buf_adds(b, "select /* wisp */ is_used_lock(");
		break;
	case SQLBUILD_RELEASE_LOCK:
		buf_adds(b, "select /* wisp */ release_lock(");
		break;
	}
}

/* Append the rest after the name. */
static void
sb_lockfn_tail(struct buf *b, enum sqlbuild_lockfn fn, int timeout)
{
	if (fn == SQLBUILD_GET_LOCK)
		buf_addf(b, ", %d", timeout);
	buf_addc(b, ')');
}

/* A user-level lock function on a named lock. */
void
sqlbuild_user_lock(struct buf *b, enum sqlbuild_lockfn fn, const char *name,
    int timeout)
{
	sb_lockfn_head(b, fn);
	sb_add_text(b, name);
	sb_lockfn_tail(b, fn, timeout);
}

/* The cut-over session's lock name. */
char *
sqlbuild_session_lock_name(uint64_t connection_id)
{
	return xasprintf("gh-ost.%" PRIu64 ".lock", connection_id);
}

/* A user-level lock function on the per-table migration lock. */
void
sqlbuild_migration_lock(struct buf *b, enum sqlbuild_lockfn fn,
    const char *db, const char *table, int timeout)
{
	char	*name = xasprintf("gh-ost::%s.%s", db, table);

	sb_lockfn_head(b, fn);
	if (strlen(name) <= 64)
		sb_add_text(b, name);
	else {
		/* Lock names are limited to 64 characters. */
		buf_adds(b, "concat('gh-ost::', sha1(");
		sb_add_text(b, name);
		buf_adds(b, "))");
	}
	sb_lockfn_tail(b, fn, timeout);
	free(name);
}

/* Set one of the session timeouts the cut-over uses. */
int
sqlbuild_set_session_timeout(struct buf *b, const char *var, int64_t seconds)
{
	if (strcmp(var, "lock_wait_timeout") != 0 &&
	    strcmp(var, "wait_timeout") != 0)
		return -1;
	buf_addf(b, "set /* wisp */ session %s:=%" PRId64, var, seconds);
	return 0;
}

/* Find the blocked RENAME in the processlist. */
void
sqlbuild_expect_process(struct buf *b, uint64_t session_id,
    const char *state_hint, const char *info_hint)
{
	buf_addf(b, "select /* wisp */ id from information_schema.processlist "
	    "where id != connection_id() and %" PRIu64 " in (0, id) and "
	    "instr(state, ", session_id);
	sb_add_text(b, state_hint);
	buf_adds(b, ") > 0 and instr(info, ");
	sb_add_text(b, info_hint);
	buf_adds(b, ") > 0");
}

/* Find the RENAME's pending metadata lock. */
void
sqlbuild_expect_metadata_lock(struct buf *b, const char *db, const char *table,
    uint64_t session_id)
{
	buf_adds(b, "select /* wisp */ m.owner_thread_id from "
	    "performance_schema.metadata_locks m join performance_schema.threads t "
	    "on m.owner_thread_id = t.thread_id where m.object_type = 'TABLE' "
	    "and m.object_schema = ");
	sb_add_text(b, db);
	buf_adds(b, " and m.object_name = ");
	sb_add_text(b, table);
	buf_addf(b, " and m.lock_type = 'EXCLUSIVE' and m.lock_status = "
	    "'PENDING' and t.processlist_id = %" PRIu64, session_id);
}

/* ---- checkpoints ---- */

/* "<name>_min": the name cut to 60 bytes, never inside a UTF-8 sequence. */
static void
sb_checkpoint_column(struct buf *b, const char *name, const char *suffix)
{
	char	 cut[64 * 4 + 8];
	size_t	 n = strlen(name);

	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;
	}
	snprintf(cut, sizeof cut, "%.*s%s", (int)n, name, suffix);
	buf_add_ident(b, cut);
}

void
sqlbuild_checkpoint_create(struct buf *b, const char *db, const char *table,
    const struct column_list *orig, const struct unique_key *key)
{
	static const char *const sfx[] = { "_min", "_max" };
	const struct column	*c;
	size_t			 i, s;

	buf_adds(b, "create /* wisp */ table ");
	sb_add_qualified(b, db, table);
	buf_adds(b, " (gh_ost_chk_id bigint auto_increment primary key, "
	    "gh_ost_chk_timestamp bigint, "
	    "gh_ost_chk_coords text charset ascii, "
	    "gh_ost_chk_iteration bigint, "
	    "gh_ost_rows_copied bigint, "
	    "gh_ost_dml_applied bigint, "
	    "gh_ost_is_cutover tinyint(1) default '0'");
	for (s = 0; s < 2; s++) {
		for (i = 0; i < key->ncolumns; i++) {
			c = column_list_find(orig, key->columns[i]);
			buf_adds(b, ", ");
			sb_checkpoint_column(b, key->columns[i], sfx[s]);
			buf_addc(b, ' ');
			buf_adds(b, c != NULL ? c->column_type : "text");
			if (c != NULL && c->charset != NULL &&
			    sb_is_word(c->charset))
				buf_addf(b, " character set %s", c->charset);
		}
	}
	buf_adds(b, ")");
}

int
sqlbuild_checkpoint_insert(const struct sqlbuild *sb, const char *table,
    const struct sqlbuild_checkpoint *chk, const struct sqlbuild_value *min,
    const struct sqlbuild_value *max, struct buf *b, char **cause)
{
	static const char *const sfx[] = { "_min", "_max" };
	const struct sqlbuild_value *v;
	struct sqlbuild_value	 null = { NULL, 0, true };
	size_t			 i, s;

	buf_adds(b, "insert /* wisp */ into ");
	sb_add_qualified(b, sb->db, table);
	buf_adds(b, " (gh_ost_chk_timestamp, gh_ost_chk_coords, "
	    "gh_ost_chk_iteration, gh_ost_rows_copied, gh_ost_dml_applied, "
	    "gh_ost_is_cutover");
	for (s = 0; s < 2; s++)
		for (i = 0; i < sb->nkey; i++) {
			buf_adds(b, ", ");
			sb_checkpoint_column(b, sb->key[i].name, sfx[s]);
		}
	buf_adds(b, ") values (unix_timestamp(now()), ");
	sb_add_text(b, chk->coords);
	buf_addf(b, ", %" PRId64 ", %" PRId64 ", %" PRId64 ", %d",
	    chk->iteration, chk->rows_copied, chk->dml_applied,
	    chk->is_cutover ? 1 : 0);
	for (s = 0; s < 2; s++)
		for (i = 0; i < sb->nkey; i++) {
			v = s == 0 ? min : max;
			buf_adds(b, ", ");
			if (sb_value_sql(sb, &sb->key[i], v != NULL ? &v[i] :
			    &null, b, cause) != 0)
				return -1;
		}
	buf_addc(b, ')');
	return 0;
}

void
sqlbuild_checkpoint_last(struct buf *b, const struct sqlbuild *sb,
    const char *table)
{
	static const char *const sfx[] = { "_min", "_max" };
	size_t	i, s;

	buf_adds(b, "select /* wisp */ gh_ost_chk_id, gh_ost_chk_timestamp, "
	    "gh_ost_chk_coords, gh_ost_chk_iteration, gh_ost_rows_copied, "
	    "gh_ost_dml_applied, gh_ost_is_cutover");
	for (s = 0; s < 2; s++)
		for (i = 0; i < sb->nkey; i++) {
			buf_adds(b, ", ");
			sb_checkpoint_column(b, sb->key[i].name, sfx[s]);
		}
	buf_adds(b, " from ");
	sb_add_qualified(b, sb->db, table);
	buf_adds(b, " order by gh_ost_chk_id desc limit 1");
}

/* ---- Options: warnings, ANALYZE, INSTANT, triggers, isolation ---- */

/* show warnings */
void
sqlbuild_show_warnings(struct buf *b)
{
	buf_adds(b, "show /* wisp */ warnings");
}

/* analyze table db.t */
void
sqlbuild_analyze_table(struct buf *b, const char *db, const char *table)
{
	buf_adds(b, "analyze /* wisp */ table ");
	sb_add_qualified(b, db, table);
}

/* alter table db.t <clauses>, algorithm=INSTANT (gh-ost
 * generateInstantDDLQuery). */
void
sqlbuild_instant_alter(struct buf *b, const char *db, const char *table,
    const char *clauses)
{
	buf_adds(b, "alter /* wisp */ table ");
	sb_add_qualified(b, db, table);
	buf_addf(b, " %s, algorithm=INSTANT", clauses);
}

/* One of words, case-insensitively, or NULL. */
static const char *
sb_word(const char *s, const char *const *words, size_t n)
{
	size_t	i;

	for (i = 0; s != NULL && i < n; i++) {
		if (strcasecmp(s, words[i]) == 0)
			return words[i];
	}
	return NULL;
}

/* create trigger db.name timing event on db.table for each row body */
int
sqlbuild_create_trigger(struct buf *b, const char *db, const char *table,
    const struct trigger *t, char **cause)
{
	static const char *const timings[] = { "BEFORE", "AFTER" };
	static const char *const events[] = { "INSERT", "UPDATE", "DELETE" };
	const char	*timing = sb_word(t->timing, timings, nitems(timings));
	const char	*event = sb_word(t->event, events, nitems(events));

	if (timing == NULL || event == NULL || t->statement == NULL) {
		*cause = xasprintf("trigger `%s`: cannot recreate a trigger on %s "
		    "%s", t->name, t->timing != NULL ? t->timing : "?",
		    t->event != NULL ? t->event : "?");
		return -1;
	}
	buf_adds(b, "create /* wisp */ trigger ");
	sb_add_qualified(b, db, t->ghost_name);
	buf_addf(b, " %s %s on ", timing, event);
	sb_add_qualified(b, db, table);
	buf_addf(b, " for each row\n%s", t->statement);
	return 0;
}

/* drop trigger if exists db.name */
void
sqlbuild_drop_trigger(struct buf *b, const char *db, const char *name)
{
	buf_adds(b, "drop /* wisp */ trigger if exists ");
	sb_add_qualified(b, db, name);
}

/* The triggers of db.table, in the order they fire. */
void
sqlbuild_list_triggers(struct buf *b, const char *db, const char *table)
{
	buf_adds(b, "select /* wisp */ trigger_name, action_timing, "
	    "event_manipulation, action_statement, sql_mode, definer "
	    "from information_schema.triggers where trigger_schema = ");
	sb_add_text(b, db);
	buf_adds(b, " and event_object_table = ");
	sb_add_text(b, table);
	buf_adds(b, " order by action_timing, event_manipulation, "
	    "action_order");
}

/* Which of names exist as triggers anywhere in db. */
void
sqlbuild_find_triggers(struct buf *b, const char *db,
    const char *const *names, size_t n)
{
	size_t	i;

	buf_adds(b, "select /* wisp */ trigger_name, event_object_table from "
	    "information_schema.triggers where trigger_schema = ");
	sb_add_text(b, db);
	buf_adds(b, " and trigger_name in (");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		sb_add_text(b, names[i]);
	}
	if (n == 0)
		buf_adds(b, "null");
	buf_addc(b, ')');
}

/* set session sql_mode = 'mode' */
void
sqlbuild_set_sql_mode(struct buf *b, const char *mode)
{
	buf_adds(b, "set /* wisp */ session sql_mode = ");
	sb_add_text(b, mode != NULL ? mode : "");
}

/* set session transaction isolation level <level> (gh-ost: every session,
 * REPEATABLE READ, or READ COMMITTED for RocksDB); -1 for another level. */
int
sqlbuild_isolation(struct buf *b, const char *level)
{
	if (strcmp(level, "REPEATABLE READ") != 0 &&
	    strcmp(level, "READ COMMITTED") != 0)
		return -1;
	buf_addf(b, "set /* wisp */ session transaction isolation level %s",
	    level);
	return 0;
}
