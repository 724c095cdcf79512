/* column.c: column lists, unique keys, and the shared-key decision. */
#include "common.h"

#include "alter.h"
#include "column.h"

/* Free every column. */
void
column_list_release(struct column_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].column_type);
		free(l->v[i].data_type);
		free(l->v[i].charset);
		free(l->v[i].enum_values);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Map information_schema's type strings to our type enum. */
enum column_type
column_classify(const char *ct, const char *dt)
{
	static const struct {
		const char	*name;
		enum column_type type;
	} map[] = {
		{ "tinyint", COLUMN_TYPE_INTEGER },
		{ "smallint", COLUMN_TYPE_INTEGER },
		{ "mediumint", COLUMN_TYPE_MEDIUMINT },
		{ "int", COLUMN_TYPE_INTEGER },
		{ "integer", COLUMN_TYPE_INTEGER },
		{ "bigint", COLUMN_TYPE_INTEGER },
		{ "decimal", COLUMN_TYPE_DECIMAL },
		{ "float", COLUMN_TYPE_FLOAT },
		{ "double", COLUMN_TYPE_DOUBLE },
		{ "bit", COLUMN_TYPE_BIT },
		{ "year", COLUMN_TYPE_YEAR },
		{ "date", COLUMN_TYPE_DATE },
		{ "time", COLUMN_TYPE_TIME },
		{ "datetime", COLUMN_TYPE_DATETIME },
		{ "timestamp", COLUMN_TYPE_TIMESTAMP },
		{ "char", COLUMN_TYPE_CHAR },
		{ "varchar", COLUMN_TYPE_CHAR },
		{ "binary", COLUMN_TYPE_BINARY },
		{ "varbinary", COLUMN_TYPE_VARBINARY },
		{ "tinytext", COLUMN_TYPE_TEXT },
		{ "text", COLUMN_TYPE_TEXT },
		{ "mediumtext", COLUMN_TYPE_TEXT },
		{ "longtext", COLUMN_TYPE_TEXT },
		{ "tinyblob", COLUMN_TYPE_BLOB },
		{ "blob", COLUMN_TYPE_BLOB },
		{ "mediumblob", COLUMN_TYPE_BLOB },
		{ "longblob", COLUMN_TYPE_BLOB },
		{ "enum", COLUMN_TYPE_ENUM },
		{ "set", COLUMN_TYPE_SET },
		{ "json", COLUMN_TYPE_JSON },
		{ "uuid", COLUMN_TYPE_INET_UUID },
		{ "inet4", COLUMN_TYPE_INET_UUID },
		{ "inet6", COLUMN_TYPE_INET_UUID },
	};
	static const char *geometry[] = {
		"geometry", "point", "linestring", "polygon", "multipoint",
		"multilinestring", "multipolygon", "geometrycollection"
	};
	size_t	i;

	/* MariaDB reports JSON as longtext with a json_valid check; its
	 * COLUMN_TYPE stays "longtext", so JSON is only seen on MySQL. */
	if (ct != NULL && strncasecmp(ct, "json", 4) == 0)
		return COLUMN_TYPE_JSON;
	if (dt == NULL)
		return COLUMN_TYPE_OTHER;
	for (i = 0; i < nitems(map); i++) {
		if (strcasecmp(dt, map[i].name) == 0)
			return map[i].type;
	}
	for (i = 0; i < nitems(geometry); i++) {
		if (strcasecmp(dt, geometry[i]) == 0)
			return COLUMN_TYPE_GEOMETRY;
	}
	return COLUMN_TYPE_OTHER;
}

/* Extract "'a','b'" from "enum('a','b')". */
static char *
column_enum_values(const char *ct)
{
	const char	*open, *close;

	if ((open = strchr(ct, '(')) == NULL || (close = strrchr(ct, ')')) == NULL ||
	    close < open)
		return NULL;
	return xstrndup(open + 1, (size_t)(close - open - 1));
}

/* Add a column read from information_schema. */
struct column *
column_list_add(struct column_list *l, const char *name, const char *ct,
    const char *dt, const char *charset, bool nullable, const char *extra,
    uint64_t octet_length)
{
	struct column	*c;

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	c = &l->v[l->n++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->column_type = xstrdup(ct != NULL ? ct : "");
	c->data_type = xstrdup(dt != NULL ? dt : "");
	c->charset = charset != NULL && *charset != '\0' ? xstrdup(charset) : NULL;
	c->type = column_classify(ct, dt);
	c->is_unsigned = ct != NULL && strstr(ct, "unsigned") != NULL;
	c->nullable = nullable;
	c->is_generated = extra != NULL && (strcasestr(extra, "GENERATED") != NULL ||
	    strcasestr(extra, "VIRTUAL") != NULL || strcasestr(extra, "PERSISTENT") != NULL ||
	    strcasestr(extra, "STORED") != NULL);
	c->is_auto_increment = extra != NULL && strcasestr(extra, "auto_increment") != NULL;
	c->is_compressed = ct != NULL && strcasestr(ct, "compressed") != NULL;
	c->octet_length = octet_length;
	if (c->type == COLUMN_TYPE_ENUM || c->type == COLUMN_TYPE_SET)
		c->enum_values = column_enum_values(c->column_type);
	return c;
}

/* Bytes of a fixed-size binary value in a row image. */
uint32_t
column_pad_length(const struct column *c)
{
	if (c->type == COLUMN_TYPE_BINARY)
		return (uint32_t)c->octet_length;
	if (c->type == COLUMN_TYPE_INET_UUID) {
		if (strcasecmp(c->data_type, "inet4") == 0)
			return 4;
		return 16;	/* uuid, inet6 */
	}
	return 0;
}

/* Find a column by name, ignoring case as MySQL does for column names. */
struct column *
column_list_find(const struct column_list *l, const char *name)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (strcasecmp(l->v[i].name, name) == 0)
			return &l->v[i];
	}
	return NULL;
}

/* Join names with commas. */
static char *
column_join(char **names, size_t n)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		buf_adds(&b, names[i]);
	}
	return buf_detach(&b);
}

/* The list's names joined by commas. */
char *
column_list_names(const struct column_list *l)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		buf_adds(&b, l->v[i].name);
	}
	return buf_detach(&b);
}

/* Free every key. */
void
unique_key_list_release(struct unique_key_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].name_in_ghost);
		util_free_strv(l->v[i].columns);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Add a key with its comma-separated columns. */
struct unique_key *
unique_key_list_add(struct unique_key_list *l, const char *name,
    const char *columns_csv, bool has_nullable, bool is_auto_increment)
{
	struct unique_key	*k;

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	k = &l->v[l->n++];
	memset(k, 0, sizeof *k);
	k->name = xstrdup(name);
	k->columns = util_split(columns_csv, ',', &k->ncolumns);
	k->has_nullable = has_nullable;
	k->is_auto_increment = is_auto_increment;
	return k;
}

/* Describe a key as gh-ost prints it. */
char *
unique_key_describe(const struct unique_key *k)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	buf_adds(&b, k->name);
	if (k->is_auto_increment)
		buf_adds(&b, " (auto_increment)");
	buf_adds(&b, ": [");
	for (i = 0; i < k->ncolumns; i++)
		buf_addf(&b, "%s%s", i > 0 ? " " : "", k->columns[i]);
	buf_addf(&b, "]; has nullable: %s", k->has_nullable ? "true" : "false");
	return buf_detach(&b);
}

/* Is every column of key a also a column of key b? (gh-ost: IsSubsetOf) */
static bool
column_key_subset(const struct unique_key *a, const struct unique_key *b)
{
	size_t	i, j;

	for (i = 0; i < a->ncolumns; i++) {
		for (j = 0; j < b->ncolumns; j++) {
			if (strcmp(a->columns[i], b->columns[j]) == 0)
				break;
		}
		if (j == b->ncolumns)
			return false;
	}
	return true;
}

/* Can this key drive the copy? FLOAT and JSON columns can't be compared
 * exactly, so keys over them are skipped. */
static bool
column_key_usable(const struct unique_key *k, const struct column_list *cols)
{
	const struct column	*c;
	size_t			 i;

	for (i = 0; i < k->ncolumns; i++) {
		if ((c = column_list_find(cols, k->columns[i])) == NULL)
			return false;
		if (c->type == COLUMN_TYPE_FLOAT) {
			log_warn("Will not use %s as shared key due to FLOAT data type",
			    k->name);
			return false;
		}
		if (c->type == COLUMN_TYPE_JSON) {
			log_warn("Will not use %s as shared key due to JSON data type",
			    k->name);
			return false;
		}
	}
	return true;
}

/* Is an original column shared with the ghost (directly or renamed)? */
static const struct column *
column_shared_with(const struct column *oc, const struct column_list *ghost,
    const struct alter *alter, bool use_renames)
{
	const struct column	*gc;
	const char		*to;

	if (alter != NULL && alter_drops(alter, oc->name))
		return NULL;
	to = alter != NULL && use_renames ?
	    alter_renamed_to(alter, oc->name) : oc->name;
	if ((gc = column_list_find(ghost, to)) == NULL &&
	    (gc = column_list_find(ghost, oc->name)) == NULL)
		return NULL;
	if (oc->is_generated || gc->is_generated)
		return NULL;
	return gc;
}

/* Decide the shared key and columns. */
int
column_choose_shared(const struct column_list *orig,
    const struct unique_key_list *orig_keys, const struct column_list *ghost,
    struct unique_key_list *ghost_keys, const struct alter *alter,
    bool use_renames, bool allow_nullable, struct shared_plan *plan,
    char **cause)
{
	const struct column	*oc, *gc;
	char			*desc;
	size_t			 i, j;

	memset(plan, 0, sizeof *plan);
	if (orig_keys->n == 0 || ghost_keys->n == 0) {
		*cause = xstrdup("no PRIMARY nor UNIQUE key found in table! Bailing out");
		return -1;
	}
	for (i = 0; i < orig_keys->n && plan->key == NULL; i++) {
		for (j = 0; j < ghost_keys->n; j++) {
			if (column_key_subset(&orig_keys->v[i], &ghost_keys->v[j]))
				break;
		}
		if (j == ghost_keys->n)
			continue;
		if (!column_key_usable(&orig_keys->v[i], orig))
			continue;
		plan->key = &orig_keys->v[i];
		free(orig_keys->v[i].name_in_ghost);
		((struct unique_key *)plan->key)->name_in_ghost =
		    xstrdup(ghost_keys->v[j].name);
	}
	if (plan->key == NULL) {
		*cause = xstrdup("no shared unique key can be found after ALTER! Bailing out");
		return -1;
	}
	log_info("Chosen shared unique key is %s", plan->key->name);
	if (plan->key->has_nullable) {
		desc = unique_key_describe(plan->key);
		if (!allow_nullable) {
			*cause = xasprintf("chosen key (%s) has nullable columns. "
			    "Bailing out. To force this operation to continue, supply "
			    "--allow-nullable-unique-key flag. Only do so if you are "
			    "certain there are no actual NULL values in this key. As "
			    "long as there aren't, migration should be fine. NULL "
			    "values in columns of this key will corrupt migration's "
			    "data", desc);
			free(desc);
			memset(plan, 0, sizeof *plan);
			return -1;
		}
		log_warn("Chosen key (%s) has nullable columns. You have supplied "
		    "with --allow-nullable-unique-key and so this migration "
		    "proceeds. As long as there aren't NULL values in this key's "
		    "column, migration should be fine. NULL values will corrupt "
		    "migration's data", desc);
		free(desc);
	}

	for (i = 0; i < orig->n; i++) {
		oc = &orig->v[i];
		if ((gc = column_shared_with(oc, ghost, alter, use_renames)) == NULL)
			continue;
		plan->columns = xreallocarray(plan->columns, plan->ncolumns + 1,
		    sizeof *plan->columns);
		plan->mapped = xreallocarray(plan->mapped, plan->ncolumns + 1,
		    sizeof *plan->mapped);
		plan->columns[plan->ncolumns] = xstrdup(oc->name);
		plan->mapped[plan->ncolumns] = xstrdup(gc->name);
		plan->ncolumns++;
	}

	/* A DATETIME key column turned TIMESTAMP would be compared in two
	 * time zones at once; gh-ost refuses it and so do we. */
	for (i = 0; i < plan->key->ncolumns; i++) {
		oc = column_list_find(orig, plan->key->columns[i]);
		gc = oc != NULL ? column_shared_with(oc, ghost, alter, use_renames) : NULL;
		if (oc != NULL && gc != NULL && oc->type == COLUMN_TYPE_DATETIME &&
		    gc->type == COLUMN_TYPE_TIMESTAMP) {
			*cause = xasprintf("no support at this time for converting a "
			    "column from DATETIME to TIMESTAMP that is also part of "
			    "the chosen unique key. Column: %s, key: %s", oc->name,
			    plan->key->name);
			shared_plan_release(plan);
			return -1;
		}
	}
	return 0;
}

/* Free the plan's column names (the key belongs to the key list). */
void
shared_plan_release(struct shared_plan *plan)
{
	size_t	i;

	for (i = 0; i < plan->ncolumns; i++) {
		free(plan->columns[i]);
		free(plan->mapped[i]);
	}
	free(plan->columns);
	free(plan->mapped);
	memset(plan, 0, sizeof *plan);
}

/* The shared column names joined by commas. */
char *
shared_plan_names(const struct shared_plan *plan, bool mapped)
{
	return column_join(mapped ? plan->mapped : plan->columns, plan->ncolumns);
}
