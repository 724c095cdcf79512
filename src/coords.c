/* coords.c: binlog file:pos coordinates and GTID sets (see coords.h). */
#include "common.h"

#include "coords.h"

/* Set *cause to a formatted message if cause is not NULL. */
static void printflike(2, 3)
set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Parse n decimal digits at s into *out; -1 on no digits or overflow. */
static int
parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t	v = 0;
	size_t		i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

void
coords_init(struct binlog_coords *c)
{
	memset(c, 0, sizeof *c);
}

void
coords_release(struct binlog_coords *c)
{
	free(c->file);
	free(c->gtid);
	memset(c, 0, sizeof *c);
}

void
coords_copy(struct binlog_coords *dst, const struct binlog_coords *src)
{
	char	*file, *gtid;

	if (dst == src)
		return;
	file = src->file != NULL ? xstrdup(src->file) : NULL;
	gtid = src->gtid != NULL ? xstrdup(src->gtid) : NULL;
	free(dst->file);
	free(dst->gtid);
	dst->file = file;
	dst->gtid = gtid;
	dst->pos = src->pos;
}

void
coords_set(struct binlog_coords *c, const char *file, uint64_t pos)
{
	char	*copy = file != NULL ? xstrdup(file) : NULL;

	free(c->file);
	c->file = copy;
	c->pos = pos;
}

void
coords_set_gtid(struct binlog_coords *c, const char *gtid)
{
	char	*copy = gtid != NULL ? xstrdup(gtid) : NULL;

	free(c->gtid);
	c->gtid = copy;
}

int
coords_parse(struct binlog_coords *c, const char *s, char **cause)
{
	const char	*colon;
	uint64_t	 pos;

	coords_init(c);
	colon = strrchr(s, ':');
	if (colon == NULL || colon == s) {
		set_cause(cause, "bad binlog coordinates '%s': want file:pos", s);
		return -1;
	}
	if (parse_u64(colon + 1, strlen(colon + 1), &pos) != 0) {
		set_cause(cause, "bad binlog position in '%s'", s);
		return -1;
	}
	c->file = xstrndup(s, (size_t)(colon - s));
	c->pos = pos;
	return 0;
}

char *
coords_format(const struct binlog_coords *c)
{
	if (c->file == NULL)
		return xstrdup("");
	return xasprintf("%s:%" PRIu64, c->file, c->pos);
}

int
coords_file_seq(const char *file, size_t *baselen, uint64_t *seq)
{
	const char	*dot = strrchr(file, '.');

	if (dot == NULL || parse_u64(dot + 1, strlen(dot + 1), seq) != 0)
		return -1;
	*baselen = (size_t)(dot - file);
	return 0;
}

int
coords_compare(const struct binlog_coords *a, const struct binlog_coords *b)
{
	size_t		la, lb;
	uint64_t	sa, sb;
	int		cmp;

	if (a->file == NULL || b->file == NULL) {
		if (a->file != b->file)
			return a->file == NULL ? -1 : 1;
	} else if (strcmp(a->file, b->file) != 0) {
		if (coords_file_seq(a->file, &la, &sa) == 0 &&
		    coords_file_seq(b->file, &lb, &sb) == 0 && la == lb &&
		    memcmp(a->file, b->file, la) == 0 && sa != sb)
			return sa < sb ? -1 : 1;
		cmp = strcmp(a->file, b->file);
		return cmp < 0 ? -1 : 1;
	}
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return 0;
}

/* Skip spaces at *item and before end; the length left. */
static size_t
trim(const char **item, const char *end)
{
	const char	*p = *item;

	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	*item = p;
	return (size_t)(end - p);
}

/* Parse "domain-server-seq" of n bytes. */
static int
gtid_parse_n(struct coords_gtid *g, const char *s, size_t n)
{
	const char	*d1, *d2, *end = s + n;
	uint64_t	 dom, srv, seq;

	d1 = memchr(s, '-', n);
	if (d1 == NULL)
		return -1;
	d2 = memchr(d1 + 1, '-', (size_t)(end - d1 - 1));
	if (d2 == NULL)
		return -1;
	if (parse_u64(s, (size_t)(d1 - s), &dom) != 0 ||
	    parse_u64(d1 + 1, (size_t)(d2 - d1 - 1), &srv) != 0 ||
	    parse_u64(d2 + 1, (size_t)(end - d2 - 1), &seq) != 0)
		return -1;
	if (dom > UINT32_MAX || srv > UINT32_MAX)
		return -1;
	g->domain = (uint32_t)dom;
	g->server = (uint32_t)srv;
	g->seq = seq;
	return 0;
}

int
coords_gtid_parse(struct coords_gtid *g, const char *s, char **cause)
{
	if (gtid_parse_n(g, s, strlen(s)) != 0) {
		memset(g, 0, sizeof *g);
		set_cause(cause, "bad GTID '%s': want domain-server-seq", s);
		return -1;
	}
	return 0;
}

char *
coords_gtid_format(const struct coords_gtid *g, char *out, size_t len)
{
	snprintf(out, len, "%" PRIu32 "-%" PRIu32 "-%" PRIu64, g->domain,
	    g->server, g->seq);
	return out;
}

void
coords_gtid_pos_init(struct coords_gtid_pos *p)
{
	memset(p, 0, sizeof *p);
}

void
coords_gtid_pos_release(struct coords_gtid_pos *p)
{
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* Index of the first entry with domain >= d. */
static size_t
gtid_pos_find(const struct coords_gtid_pos *p, uint32_t d)
{
	size_t	lo = 0, hi = p->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->v[mid].domain < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
coords_gtid_pos_update(struct coords_gtid_pos *p, const struct coords_gtid *g)
{
	size_t	i = gtid_pos_find(p, g->domain);

	if (i < p->n && p->v[i].domain == g->domain) {
		if (g->seq > p->v[i].seq)
			p->v[i] = *g;
		return;
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	memmove(&p->v[i + 1], &p->v[i], (p->n - i) * sizeof *p->v);
	p->v[i] = *g;
	p->n++;
}

void
coords_gtid_pos_merge(struct coords_gtid_pos *dst,
    const struct coords_gtid_pos *src)
{
	size_t	i;

	for (i = 0; i < src->n; i++)
		coords_gtid_pos_update(dst, &src->v[i]);
}

const struct coords_gtid *
coords_gtid_pos_get(const struct coords_gtid_pos *p, uint32_t domain)
{
	size_t	i = gtid_pos_find(p, domain);

	if (i < p->n && p->v[i].domain == domain)
		return &p->v[i];
	return NULL;
}

bool
coords_gtid_pos_contains(const struct coords_gtid_pos *p,
    const struct coords_gtid *g)
{
	const struct coords_gtid	*e = coords_gtid_pos_get(p, g->domain);

	return e != NULL ? e->seq >= g->seq : g->seq == 0;
}

/* Combine the order so far with one domain's comparison (-1, 0, 1). */
static enum coords_order
order_add(enum coords_order o, int c)
{
	if (c == 0 || o == COORDS_DIVERGED)
		return o;
	if (o == COORDS_EQUAL)
		return c < 0 ? COORDS_BEFORE : COORDS_AFTER;
	if ((o == COORDS_BEFORE) != (c < 0))
		return COORDS_DIVERGED;
	return o;
}

enum coords_order
coords_gtid_pos_compare(const struct coords_gtid_pos *a,
    const struct coords_gtid_pos *b)
{
	enum coords_order	 o = COORDS_EQUAL;
	size_t			 i = 0, j = 0;
	uint64_t		 sa, sb;

	while (i < a->n || j < b->n) {
		if (j >= b->n || (i < a->n && a->v[i].domain < b->v[j].domain)) {
			sa = a->v[i++].seq;
			sb = 0;
		} else if (i >= a->n || b->v[j].domain < a->v[i].domain) {
			sa = 0;
			sb = b->v[j++].seq;
		} else {
			sa = a->v[i++].seq;
			sb = b->v[j++].seq;
		}
		o = order_add(o, sa < sb ? -1 : sa > sb);
	}
	return o;
}

int
coords_gtid_pos_parse(struct coords_gtid_pos *p, const char *s, char **cause)
{
	const char		*item, *end;
	size_t			 n;
	struct coords_gtid	 g;

	coords_gtid_pos_init(p);
	for (item = s;; item = end + 1) {
		end = item + strcspn(item, ",");
		n = trim(&item, end);
		if (n == 0) {
			/* Only a string of nothing but spaces is empty. */
			if (item == s + strlen(s) && strchr(s, ',') == NULL)
				break;
			goto bad;
		}
		if (gtid_parse_n(&g, item, n) != 0)
			goto bad;
		coords_gtid_pos_update(p, &g);
		if (*end == '\0')
			break;
	}
	return 0;

bad:
	coords_gtid_pos_release(p);
	set_cause(cause, "bad GTID position '%s': want domain-server-seq,...", s);
	return -1;
}

char *
coords_gtid_pos_format(const struct coords_gtid_pos *p)
{
	struct buf	b = BUF_INIT;
	char		one[64];
	size_t		i;

	buf_adds(&b, "");
	for (i = 0; i < p->n; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		buf_adds(&b, coords_gtid_format(&p->v[i], one, sizeof one));
	}
	return buf_detach(&b);
}

/* Value of a hex digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
coords_uuid_parse(uint8_t uuid[16], const char *s, size_t n)
{
	static const size_t	 dashes[] = { 8, 13, 18, 23 };
	size_t			 i, k = 0, d = 0;
	int			 hi, lo;
	bool			 dashed;

	if (n == 36)
		dashed = true;
	else if (n == 32)
		dashed = false;
	else
		return -1;
	for (i = 0; i < n; ) {
		if (dashed && d < nitems(dashes) && i == dashes[d]) {
			if (s[i] != '-')
				return -1;
			d++;
			i++;
			continue;
		}
		if ((hi = hexval(s[i])) < 0 || (lo = hexval(s[i + 1])) < 0)
			return -1;
		uuid[k++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	return k == 16 ? 0 : -1;
}

char *
coords_uuid_format(const uint8_t uuid[16], char *out, size_t len)
{
	snprintf(out, len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", uuid[0], uuid[1], uuid[2], uuid[3],
	    uuid[4], uuid[5], uuid[6], uuid[7], uuid[8], uuid[9], uuid[10],
	    uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
	return out;
}

void
coords_uuid_set_init(struct coords_uuid_set *set)
{
	memset(set, 0, sizeof *set);
}

void
coords_uuid_set_release(struct coords_uuid_set *set)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		free(set->sids[i].iv);
	free(set->sids);
	memset(set, 0, sizeof *set);
}

/* Index of the first source with uuid >= u. */
static size_t
uuid_set_find(const struct coords_uuid_set *set, const uint8_t u[16])
{
	size_t	lo = 0, hi = set->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (memcmp(set->sids[mid].uuid, u, 16) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The source entry of u, or NULL. */
static const struct coords_uuid_gtids *
uuid_set_get(const struct coords_uuid_set *set, const uint8_t u[16])
{
	size_t	i = uuid_set_find(set, u);

	if (i < set->n && memcmp(set->sids[i].uuid, u, 16) == 0)
		return &set->sids[i];
	return NULL;
}

/* Add [start, end] to one source's intervals, keeping them sorted,
 * disjoint and non-adjacent. */
static void
gtids_add(struct coords_uuid_gtids *g, uint64_t start, uint64_t end)
{
	size_t	i, j;

	/* First interval that ends at or after start - 1 (could touch). */
	for (i = 0; i < g->n; i++) {
		if (g->iv[i].end == UINT64_MAX || g->iv[i].end + 1 >= start)
			break;
	}
	/* Intervals from i to j-1 overlap or touch [start, end]. */
	for (j = i; j < g->n; j++) {
		if (end != UINT64_MAX && g->iv[j].start > end + 1)
			break;
	}
	if (i == j) {
		g->iv = xreallocarray(g->iv, g->n + 1, sizeof *g->iv);
		memmove(&g->iv[i + 1], &g->iv[i], (g->n - i) * sizeof *g->iv);
		g->iv[i].start = start;
		g->iv[i].end = end;
		g->n++;
		return;
	}
	if (g->iv[i].start < start)
		start = g->iv[i].start;
	if (g->iv[j - 1].end > end)
		end = g->iv[j - 1].end;
	g->iv[i].start = start;
	g->iv[i].end = end;
	memmove(&g->iv[i + 1], &g->iv[j], (g->n - j) * sizeof *g->iv);
	g->n -= j - i - 1;
}

void
coords_uuid_set_add(struct coords_uuid_set *set, const uint8_t u[16],
    uint64_t start, uint64_t end)
{
	size_t	i = uuid_set_find(set, u);

	if (start == 0 || end < start)
		fatalx("%s: bad range %" PRIu64 "-%" PRIu64, __func__, start,
		    end);
	if (i == set->n || memcmp(set->sids[i].uuid, u, 16) != 0) {
		set->sids = xreallocarray(set->sids, set->n + 1,
		    sizeof *set->sids);
		memmove(&set->sids[i + 1], &set->sids[i],
		    (set->n - i) * sizeof *set->sids);
		memset(&set->sids[i], 0, sizeof set->sids[i]);
		memcpy(set->sids[i].uuid, u, 16);
		set->n++;
	}
	gtids_add(&set->sids[i], start, end);
}

void
coords_uuid_set_merge(struct coords_uuid_set *dst,
    const struct coords_uuid_set *src)
{
	size_t	i, k;

	for (i = 0; i < src->n; i++) {
		for (k = 0; k < src->sids[i].n; k++)
			coords_uuid_set_add(dst, src->sids[i].uuid,
			    src->sids[i].iv[k].start, src->sids[i].iv[k].end);
	}
}

bool
coords_uuid_set_contains(const struct coords_uuid_set *set,
    const uint8_t u[16], uint64_t gno)
{
	const struct coords_uuid_gtids	*g = uuid_set_get(set, u);
	size_t				 lo = 0, hi, mid;

	if (g == NULL)
		return false;
	hi = g->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (g->iv[mid].end < gno)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->n && g->iv[lo].start <= gno;
}

/* Is every interval of b inside one interval of a? */
static bool
gtids_contains(const struct coords_uuid_gtids *a,
    const struct coords_uuid_gtids *b)
{
	size_t	i = 0, k;

	for (k = 0; k < b->n; k++) {
		while (i < a->n && a->iv[i].end < b->iv[k].start)
			i++;
		if (i == a->n || a->iv[i].start > b->iv[k].start ||
		    a->iv[i].end < b->iv[k].end)
			return false;
	}
	return true;
}

bool
coords_uuid_set_contains_set(const struct coords_uuid_set *a,
    const struct coords_uuid_set *b)
{
	const struct coords_uuid_gtids	*g;
	size_t				 k;

	for (k = 0; k < b->n; k++) {
		if ((g = uuid_set_get(a, b->sids[k].uuid)) == NULL ||
		    !gtids_contains(g, &b->sids[k]))
			return false;
	}
	return true;
}

enum coords_order
coords_uuid_set_compare(const struct coords_uuid_set *a,
    const struct coords_uuid_set *b)
{
	bool	ab = coords_uuid_set_contains_set(a, b);
	bool	ba = coords_uuid_set_contains_set(b, a);

	if (ab && ba)
		return COORDS_EQUAL;
	if (ab)
		return COORDS_AFTER;
	if (ba)
		return COORDS_BEFORE;
	return COORDS_DIVERGED;
}

/* Parse one "uuid:a-b:c" item of n bytes into set. */
static int
uuid_item_parse(struct coords_uuid_set *set, const char *s, size_t n)
{
	const char	*end = s + n, *p, *q, *dash;
	uint8_t		 u[16];
	uint64_t	 a, b;
	size_t		 len;

	p = memchr(s, ':', n);
	if (p == NULL)
		return -1;
	len = (size_t)(p - s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (coords_uuid_parse(u, s, len) != 0)
		return -1;
	do {
		p++;
		q = memchr(p, ':', (size_t)(end - p));
		if (q == NULL)
			q = end;
		dash = memchr(p, '-', (size_t)(q - p));
		if (dash != NULL) {
			if (parse_u64(p, (size_t)(dash - p), &a) != 0 ||
			    parse_u64(dash + 1, (size_t)(q - dash - 1), &b) != 0)
				return -1;
		} else {
			if (parse_u64(p, (size_t)(q - p), &a) != 0)
				return -1;
			b = a;
		}
		if (a == 0 || b < a)
			return -1;
		coords_uuid_set_add(set, u, a, b);
		p = q;
	} while (p < end);
	return 0;
}

int
coords_uuid_set_parse(struct coords_uuid_set *set, const char *s,
    char **cause)
{
	const char	*item, *end;
	size_t		 n;

	coords_uuid_set_init(set);
	for (item = s;; item = end + 1) {
		end = item + strcspn(item, ",");
		n = trim(&item, end);
		if (n == 0) {
			if (item == s + strlen(s) && strchr(s, ',') == NULL)
				break;
			goto bad;
		}
		if (uuid_item_parse(set, item, n) != 0)
			goto bad;
		if (*end == '\0')
			break;
	}
	return 0;

bad:
	coords_uuid_set_release(set);
	set_cause(cause, "bad GTID set '%s': want uuid:from-to[:from-to],...",
	    s);
	return -1;
}

char *
coords_uuid_set_format(const struct coords_uuid_set *set)
{
	struct buf			 b = BUF_INIT;
	const struct coords_uuid_gtids	*g;
	char				 u[40];
	size_t				 i, k;

	buf_adds(&b, "");
	for (i = 0; i < set->n; i++) {
		g = &set->sids[i];
		if (i > 0)
			buf_addc(&b, ',');
		buf_adds(&b, coords_uuid_format(g->uuid, u, sizeof u));
		for (k = 0; k < g->n; k++) {
			if (g->iv[k].start == g->iv[k].end)
				buf_addf(&b, ":%" PRIu64, g->iv[k].start);
			else
				buf_addf(&b, ":%" PRIu64 "-%" PRIu64,
				    g->iv[k].start, g->iv[k].end);
		}
	}
	return buf_detach(&b);
}
