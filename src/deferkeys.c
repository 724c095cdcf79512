/* deferkeys.c: the ghost's secondary keys built after the row copy. */
#include "common.h"

#include "deferkeys.h"
#include "sqlbuild.h"

void
deferkeys_init(struct deferkeys *k)
{
	memset(k, 0, sizeof *k);
}

void
deferkeys_release(struct deferkeys *k)
{
	size_t	i;

	for (i = 0; i < k->n; i++) {
		free(k->defs[i]);
		free(k->names[i]);
	}
	free(k->defs);
	free(k->names);
	deferkeys_init(k);
}

/* The backquoted identifier at s ("`a``b`" is a`b), allocated; *end is
 * set after its closing quote. NULL when s does not start one. */
static char *
deferkeys_ident(const char *s, const char **end)
{
	struct buf	b = BUF_INIT;

	if (*s++ != '`')
		return NULL;
	for (; *s != '\0'; s++) {
		if (*s == '`') {
			if (s[1] != '`') {
				*end = s + 1;
				buf_adds(&b, "");
				return buf_detach(&b);
			}
			s++;
		}
		buf_addc(&b, *s);
	}
	buf_release(&b);
	return NULL;
}

/* The name of the key defined by line when it starts with one of the key
 * words given, allocated; else NULL. */
static char *
deferkeys_line_key(const char *line, const char *const *words)
{
	const char	*end;
	size_t		 n;

	for (; *words != NULL; words++) {
		n = strlen(*words);
		if (strncmp(line, *words, n) == 0)
			return deferkeys_ident(line + n, &end);
	}
	return NULL;
}

int
deferkeys_add(struct deferkeys *k, const char *def)
{
	static const char *const plain[] = { "KEY ", NULL };
	char	*name;

	if ((name = deferkeys_line_key(def, plain)) == NULL)
		return -1;
	k->defs = xreallocarray(k->defs, k->n + 1, sizeof *k->defs);
	k->names = xreallocarray(k->names, k->n + 1, sizeof *k->names);
	k->defs[k->n] = xstrdup(def);
	k->names[k->n] = name;
	k->n++;
	return 0;
}

int
deferkeys_from_create(struct deferkeys *k, const char *create, char **why)
{
	char	**lines, *line, *end, *p;
	size_t	  n, i, len;
	bool	  innodb = false;
	int	  rc = 0;

	lines = util_split(create, '\n', &n);
	for (i = 1; i < n; i++) {
		line = lines[i];
		if (line[0] == ')') {
			/* ") ENGINE=InnoDB AUTO_INCREMENT=.. DEFAULT CHARSET=.." */
			if ((p = strstr(line, "ENGINE=")) != NULL)
				innodb = util_strcaseprefix(p + 7, "InnoDB") &&
				    (p[13] == ' ' || p[13] == '\0');
			break;
		}
		if (strncmp(line, "CONSTRAINT ", 11) == 0 &&
		    strstr(line, " FOREIGN KEY ") != NULL) {
			*why = xstrdup("the table has foreign keys");
			rc = -1;
			goto out;
		}
		if (line[0] == '`' &&
		    strstr(line, " GENERATED ALWAYS ") != NULL) {
			*why = xstrdup("the table has generated columns");
			rc = -1;
			goto out;
		}
		if (strncmp(line, "KEY `", 5) != 0)
			continue;
		/* The definition without its trailing comma (the lines come
		 * trimmed). */
		p = line;
		len = strlen(p);
		if (len > 0 && p[len - 1] == ',')
			len--;
		end = xstrndup(p, len);
		/* "KEY `k` ((expr))": a functional key (MySQL 8.0) sits on a
		 * hidden generated column; and a definition too long for the
		 * changelog stays in place. */
		if (strstr(end, "((") == NULL && len <= DEFERKEYS_MAX_DEF)
			(void)deferkeys_add(k, end);
		free(end);
	}
	if (!innodb) {
		*why = xstrdup("the table is not InnoDB");
		rc = -1;
	}
out:
	if (rc != 0)
		deferkeys_release(k);
	util_free_strv(lines);
	return rc;
}

void
deferkeys_missing(const struct deferkeys *want, const char *create,
    struct deferkeys *missing)
{
	static const char *const any[] = { "PRIMARY KEY ", "UNIQUE KEY ",
	    "FULLTEXT KEY ", "SPATIAL KEY ", "KEY ", NULL };
	char	**lines = NULL, **names = NULL, *key;
	size_t	  n = 0, nnames = 0, i, j;

	if (create != NULL)
		lines = util_split(create, '\n', &n);
	for (i = 1; i < n && lines[i][0] != ')'; i++) {
		if ((key = deferkeys_line_key(lines[i], any)) == NULL)
			continue;
		names = xreallocarray(names, nnames + 2, sizeof *names);
		names[nnames++] = key;
		names[nnames] = NULL;
	}
	for (i = 0; i < want->n; i++) {
		for (j = 0; j < nnames; j++) {
			if (strcmp(names[j], want->names[i]) == 0)
				break;
		}
		if (j == nnames)
			(void)deferkeys_add(missing, want->defs[i]);
	}
	util_free_strv(names);
	util_free_strv(lines);
}

char *
deferkeys_names(const struct deferkeys *k)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	buf_adds(&b, "");
	for (i = 0; i < k->n; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, k->names[i]);
	}
	return buf_detach(&b);
}

/* "alter table `db`.`t` " plus, for each key, " drop key `k`," or
 * " add KEY `k` (..),", without the last comma. */
static void
deferkeys_alter_sql(struct buf *b, const char *db, const char *table,
    const struct deferkeys *k, bool add)
{
	char	*q = sqlbuild_qualified(db, table);
	size_t	 i;

	buf_addf(b, "alter /* wisp */ table %s", q);
	free(q);
	for (i = 0; i < k->n; i++) {
		buf_adds(b, i == 0 ? " " : ", ");
		if (add) {
			buf_addf(b, "add %s", k->defs[i]);
		} else {
			buf_adds(b, "drop key ");
			buf_add_ident(b, k->names[i]);
		}
	}
}

void
deferkeys_drop_sql(struct buf *b, const char *db, const char *table,
    const struct deferkeys *k)
{
	deferkeys_alter_sql(b, db, table, k, false);
}

void
deferkeys_build_sql(struct buf *b, const char *db, const char *table,
    const struct deferkeys *k)
{
	deferkeys_alter_sql(b, db, table, k, true);
	buf_adds(b, ", algorithm=inplace, lock=none");
}

char *
deferkeys_hex(const char *s)
{
	static const char	 digits[] = "0123456789ABCDEF";
	size_t			 n = strlen(s), i;
	char			*h = xmalloc(2 * n + 1);

	for (i = 0; i < n; i++) {
		h[2 * i] = digits[(unsigned char)s[i] >> 4];
		h[2 * i + 1] = digits[(unsigned char)s[i] & 0xf];
	}
	h[2 * n] = '\0';
	return h;
}

static int
deferkeys_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *
deferkeys_unhex(const char *hex)
{
	size_t	 n = strlen(hex), i;
	char	*s;
	int	 hi, lo;

	if (n % 2 != 0)
		return NULL;
	s = xmalloc(n / 2 + 1);
	for (i = 0; i < n / 2; i++) {
		hi = deferkeys_nibble(hex[2 * i]);
		lo = deferkeys_nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(s);
			return NULL;
		}
		s[i] = (char)(hi << 4 | lo);
	}
	s[n / 2] = '\0';
	return s;
}
