/* rowimage.c: binlog TABLE_MAP and ROWS events into values, values into SQL.
 *
 * The formats, as the server writes them (MySQL sql/log_event.cc,
 * sql/field.cc, libbinlogevents; MariaDB sql/log_event*.cc, sql/field.cc):
 *
 * TABLE_MAP body: table id (6 bytes), flags (2), db name (length byte, name,
 * NUL), table name (same), column count (packed integer), one type byte per
 * column, metadata length (packed integer) and block, nullability bitmap,
 * optional metadata (ignored). Metadata per type: FLOAT, DOUBLE, BLOB,
 * GEOMETRY, JSON one byte (length); VARCHAR two bytes little-endian (max
 * bytes); NEWDECIMAL precision then scale; STRING real type then length,
 * with the real type's 0x30 bits carrying bits 8-9 of lengths over 255
 * (Field_string::do_save_field_metadata); BIT bits%8 then bytes; TIME2,
 * DATETIME2, TIMESTAMP2 one byte of fractional precision.
 *
 * ROWS body: table id (6), flags (2), for v2 events an extra-data length
 * (2, counting itself) and extra data, column count (packed), the
 * columns-present bitmap, for UPDATE a second one for the after image, then
 * rows. A row image is a null bitmap with one bit per present column, then
 * the values of the present, non-NULL columns, in each type's packed form.
 * Integers and lengths are little-endian; the "2" temporal types, DECIMAL
 * and BIT are big-endian so that they sort as bytes. */
#include "common.h"

#include <math.h>
#include <strings.h>

#include "rowimage.h"

/* Upper bounds that keep corrupt input from asking for absurd work. */
#define JSON_MAX_DEPTH	150	/* MySQL allows 100 */
#define DECIMAL_MAX_BYTES 64

static const char *const kind_names[] = {
	"absent", "null", "int", "uint", "float", "double", "decimal", "string",
	"bytes", "date", "time", "datetime", "timestamp", "year", "bit", "enum",
	"set", "json", "geometry",
};

/* Bytes of a DECIMAL digit group of 0..9 digits (decimal2bin). */
static const uint8_t dig2bytes[10] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 4 };
static const uint32_t pow10_32[10] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000,
};
/* Bytes of the fraction in MariaDB 5.3 temporal types, by precision. */
static const uint8_t sec_part_bytes[7] = { 0, 1, 1, 2, 2, 3, 3 };

/* Set *cause, if wanted, to a formatted message. */
static printflike(2, 3) void
set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Little-endian unsigned integer of n (1..8) bytes. */
static uint64_t
get_le(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

/* Big-endian unsigned integer of n (1..8) bytes. */
static uint64_t
get_be(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Sign-extend the low n bytes of v. */
static int64_t
sign_extend(uint64_t v, size_t n)
{
	uint64_t	sign;

	if (n >= 8)
		return (int64_t)v;
	sign = (uint64_t)1 << (n * 8 - 1);
	if (v & sign)
		v |= ~(((uint64_t)1 << (n * 8)) - 1);
	return (int64_t)v;
}

/* Read a packed (length-encoded) integer; 0 or -1. */
static int
get_packed(const uint8_t *p, size_t len, size_t *off, uint64_t *out)
{
	size_t	n;

	if (*off >= len)
		return -1;
	switch (p[*off]) {
	case 0xfc:
		n = 2;
		break;
	case 0xfd:
		n = 3;
		break;
	case 0xfe:
		n = 8;
		break;
	case 0xfb:
	case 0xff:
		return -1;
	default:
		*out = p[(*off)++];
		return 0;
	}
	if (len - *off - 1 < n)
		return -1;
	*out = get_le(p + *off + 1, n);
	*off += 1 + n;
	return 0;
}

/* Whether bit i of a bitmap (bit 0 = low bit of the first byte) is set. */
static bool
bit_is_set(const uint8_t *bits, unsigned int i)
{
	return (bits[i / 8] >> (i % 8)) & 1;
}

/* Decode the STRING metadata bytes into real type and length
 * (MySQL's Field_string::do_save_field_metadata, reversed). */
static void
string_meta(uint8_t byte0, uint8_t byte1, uint8_t *real_type, uint32_t *len)
{
	if ((byte0 & 0x30) != 0x30) {
		/* CHAR longer than 255 bytes: bits 8-9 of the length are
		 * stored inverted in bits 4-5 of the type. */
		*len = byte1 | ((uint32_t)((byte0 & 0x30) ^ 0x30) << 4);
		*real_type = byte0 | 0x30;
	} else {
		*len = byte1;
		*real_type = byte0;
	}
}

/* Decode the TABLE_MAP metadata block. */
int
rowimage_parse_table_map_meta(const uint8_t *types, unsigned int ncols,
    const uint8_t *meta, size_t metalen, const uint8_t *nullbits,
    struct rowimage_column *cols, char **cause)
{
	struct rowimage_column	*c;
	unsigned int		 i;
	size_t			 off = 0, need;
	uint8_t			 b0, b1;

	for (i = 0; i < ncols; i++) {
		c = &cols[i];
		memset(c, 0, sizeof *c);
		c->type = c->real_type = types[i];
		c->nullable = nullbits != NULL && bit_is_set(nullbits, i);

		switch (c->type) {
		case ROWIMAGE_TYPE_FLOAT:
		case ROWIMAGE_TYPE_DOUBLE:
		case ROWIMAGE_TYPE_TINY_BLOB:
		case ROWIMAGE_TYPE_MEDIUM_BLOB:
		case ROWIMAGE_TYPE_LONG_BLOB:
		case ROWIMAGE_TYPE_BLOB:
		case ROWIMAGE_TYPE_BLOB_COMPRESSED:
		case ROWIMAGE_TYPE_GEOMETRY:
		case ROWIMAGE_TYPE_JSON:
		case ROWIMAGE_TYPE_TIME2:
		case ROWIMAGE_TYPE_DATETIME2:
		case ROWIMAGE_TYPE_TIMESTAMP2:
			need = 1;
			break;
		case ROWIMAGE_TYPE_VARCHAR:
		case ROWIMAGE_TYPE_VAR_STRING:
		case ROWIMAGE_TYPE_VARCHAR_COMPRESSED:
		case ROWIMAGE_TYPE_BIT:
		case ROWIMAGE_TYPE_NEWDECIMAL:
		case ROWIMAGE_TYPE_STRING:
		case ROWIMAGE_TYPE_ENUM:
		case ROWIMAGE_TYPE_SET:
			need = 2;
			break;
		case ROWIMAGE_TYPE_TINY:
		case ROWIMAGE_TYPE_SHORT:
		case ROWIMAGE_TYPE_LONG:
		case ROWIMAGE_TYPE_NULL:
		case ROWIMAGE_TYPE_TIMESTAMP:
		case ROWIMAGE_TYPE_LONGLONG:
		case ROWIMAGE_TYPE_INT24:
		case ROWIMAGE_TYPE_DATE:
		case ROWIMAGE_TYPE_TIME:
		case ROWIMAGE_TYPE_DATETIME:
		case ROWIMAGE_TYPE_YEAR:
		case ROWIMAGE_TYPE_NEWDATE:
			need = 0;
			break;
		case ROWIMAGE_TYPE_DECIMAL:
			set_cause(cause, "column %u: pre-5.0 DECIMAL (type 0) "
			    "is not supported", i + 1);
			return -1;
		default:
			set_cause(cause, "column %u: unknown column type %u",
			    i + 1, c->type);
			return -1;
		}
		if (metalen - off < need) {
			set_cause(cause, "table map metadata truncated at "
			    "column %u", i + 1);
			return -1;
		}
		b0 = need > 0 ? meta[off] : 0;
		b1 = need > 1 ? meta[off + 1] : 0;
		off += need;

		switch (c->type) {
		case ROWIMAGE_TYPE_FLOAT:
		case ROWIMAGE_TYPE_DOUBLE:
			c->meta = b0;
			c->pack_length = c->type == ROWIMAGE_TYPE_FLOAT ? 4 : 8;
			break;
		case ROWIMAGE_TYPE_TINY_BLOB:
		case ROWIMAGE_TYPE_MEDIUM_BLOB:
		case ROWIMAGE_TYPE_LONG_BLOB:
		case ROWIMAGE_TYPE_BLOB:
		case ROWIMAGE_TYPE_BLOB_COMPRESSED:
		case ROWIMAGE_TYPE_GEOMETRY:
		case ROWIMAGE_TYPE_JSON:
			c->meta = b0;
			c->pack_length = b0;
			if (b0 < 1 || b0 > 4)
				goto bad;
			break;
		case ROWIMAGE_TYPE_TIME2:
		case ROWIMAGE_TYPE_DATETIME2:
		case ROWIMAGE_TYPE_TIMESTAMP2:
			c->meta = b0;
			c->fsp = b0;
			if (b0 > 6)
				goto bad;
			break;
		case ROWIMAGE_TYPE_VARCHAR:
		case ROWIMAGE_TYPE_VAR_STRING:
		case ROWIMAGE_TYPE_VARCHAR_COMPRESSED:
			c->meta = (uint16_t)(b0 | (b1 << 8));
			c->max_length = c->meta;
			break;
		case ROWIMAGE_TYPE_BIT:
			c->meta = (uint16_t)(b0 | (b1 << 8));
			if (b0 > 7 || b1 * 8 + b0 < 1 || b1 * 8 + b0 > 64)
				goto bad;
			c->bits = (uint8_t)(b1 * 8 + b0);
			break;
		case ROWIMAGE_TYPE_NEWDECIMAL:
			c->meta = (uint16_t)((b0 << 8) | b1);
			c->precision = b0;
			c->scale = b1;
			if (b0 < 1 || b0 > 65 || b1 > b0 || b1 > 38)
				goto bad;
			break;
		case ROWIMAGE_TYPE_STRING:
		case ROWIMAGE_TYPE_ENUM:
		case ROWIMAGE_TYPE_SET:
			c->meta = (uint16_t)((b0 << 8) | b1);
			string_meta(b0, b1, &c->real_type, &c->max_length);
			if (c->real_type == ROWIMAGE_TYPE_ENUM ||
			    c->real_type == ROWIMAGE_TYPE_SET) {
				c->pack_length = b1;
				c->max_length = 0;
				if (b1 < 1 || b1 > (c->real_type ==
				    ROWIMAGE_TYPE_ENUM ? 2 : 8))
					goto bad;
			} else if (c->real_type != ROWIMAGE_TYPE_STRING)
				goto bad;
			break;
		}
		continue;
	bad:
		set_cause(cause, "column %u: bad metadata for type %u "
		    "(0x%02x 0x%02x)", i + 1, c->type, b0, b1);
		return -1;
	}
	if (off != metalen) {
		set_cause(cause, "table map metadata has %zu bytes, columns "
		    "use %zu", metalen, off);
		return -1;
	}
	return 0;
}

/* Parse a TABLE_MAP event body. */
int
rowimage_table_parse(struct rowimage_table *t, const uint8_t *p, size_t len,
    char **cause)
{
	size_t		 off, dblen, tlen, metalen, nullen;
	uint64_t	 ncols, v;
	const uint8_t	*types, *meta;

	memset(t, 0, sizeof *t);
	if (len < 10)
		goto trunc;
	t->table_id = get_le(p, 6);
	t->flags = (uint16_t)get_le(p + 6, 2);
	off = 8;
	dblen = p[off++];
	if (len - off < dblen + 2 || p[off + dblen] != '\0')
		goto trunc;
	t->db = xstrndup((const char *)p + off, dblen);
	off += dblen + 1;
	tlen = p[off++];
	if (len - off < tlen + 1 || p[off + tlen] != '\0')
		goto trunc;
	t->name = xstrndup((const char *)p + off, tlen);
	off += tlen + 1;
	if (get_packed(p, len, &off, &ncols) != 0 || ncols > len - off)
		goto trunc;
	types = p + off;
	off += ncols;
	if (get_packed(p, len, &off, &v) != 0 || v > len - off)
		goto trunc;
	metalen = v;
	meta = p + off;
	off += metalen;
	nullen = (ncols + 7) / 8;
	if (len - off < nullen)
		goto trunc;
	t->ncols = (unsigned int)ncols;
	t->cols = xcalloc(ncols > 0 ? ncols : 1, sizeof *t->cols);
	if (rowimage_parse_table_map_meta(types, t->ncols, meta, metalen,
	    p + off, t->cols, cause) != 0) {
		rowimage_table_release(t);
		return -1;
	}
	return 0;

trunc:
	set_cause(cause, "table map event truncated or corrupt");
	rowimage_table_release(t);
	return -1;
}

/* Free a parsed TABLE_MAP. */
void
rowimage_table_release(struct rowimage_table *t)
{
	free(t->db);
	free(t->name);
	free(t->cols);
	memset(t, 0, sizeof *t);
}

/* Set a column's charset. */
int
rowimage_column_set_charset(struct rowimage_column *c, const char *name)
{
	size_t	i, n = strlen(name);

	if (n == 0 || n >= sizeof c->charset)
		return -1;
	for (i = 0; i < n; i++) {
		if (!(name[i] >= 'a' && name[i] <= 'z') &&
		    !(name[i] >= 'A' && name[i] <= 'Z') &&
		    !(name[i] >= '0' && name[i] <= '9') && name[i] != '_')
			return -1;
	}
	memcpy(c->charset, name, n + 1);
	if (strcasecmp(name, "binary") == 0)
		c->is_binary = true;
	return 0;
}

/* Append n bytes and a NUL to the row storage; *off gets their offset. */
static void
store(struct buf *st, size_t *off, const void *p, size_t n)
{
	*off = st->len;
	buf_add(st, p, n);
	buf_addc(st, '\0');
}

/* Append fsp digits of usec (".123") to a text buffer. */
static void
add_fraction(char *out, size_t size, uint32_t usec, unsigned int fsp)
{
	size_t	n = strlen(out);

	if (fsp == 0 || n >= size)
		return;
	snprintf(out + n, size - n, ".%0*" PRIu32, (int)fsp,
	    usec / pow10_32[6 - fsp]);
}

/* Format a date and time of day. */
static void
format_datetime(char *out, size_t size, unsigned int year, unsigned int month,
    unsigned int day, unsigned int hour, unsigned int minute,
    unsigned int second, uint32_t usec, unsigned int fsp)
{
	snprintf(out, size, "%04u-%02u-%02u %02u:%02u:%02u", year, month, day,
	    hour, minute, second);
	add_fraction(out, size, usec, fsp);
}

/* Format a time of day or duration. */
static void
format_time(char *out, size_t size, bool neg, unsigned int hour,
    unsigned int minute, unsigned int second, uint32_t usec, unsigned int fsp)
{
	snprintf(out, size, "%s%02u:%02u:%02u", neg ? "-" : "", hour, minute,
	    second);
	add_fraction(out, size, usec, fsp);
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil,
 * inverted). */
static void
civil_from_days(int64_t z, int64_t *y, unsigned int *m, unsigned int *d)
{
	int64_t		era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Format a TIMESTAMP in UTC. */
char *
rowimage_format_timestamp(char *out, size_t size, int64_t sec, uint32_t usec,
    unsigned int fsp)
{
	int64_t		days, rem, year;
	unsigned int	month, day;

	if (fsp > 6)
		fsp = 6;
	if (usec > 999999)
		usec = 999999;
	if (sec == 0) {
		format_datetime(out, size, 0, 0, 0, 0, 0, 0, 0, fsp);
		return out;
	}
	days = sec / 86400;
	rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &year, &month, &day);
	if (year < 0 || year > 9999)
		year = 0;
	format_datetime(out, size, (unsigned int)year, month, day,
	    (unsigned int)(rem / 3600), (unsigned int)(rem / 60 % 60),
	    (unsigned int)(rem % 60), usec, fsp);
	return out;
}

/* DECIMAL's binary form (MySQL decimal2bin) to text. The digits are kept in
 * groups of nine per four big-endian bytes, a partial group of the leading
 * integer digits first and of the trailing fraction digits last (dig2bytes
 * bytes each); the first bit is the sign, set for non-negative numbers, and
 * negative numbers have every byte inverted. */
static int
decimal_to_text(const uint8_t *p, size_t len, unsigned int precision,
    unsigned int scale, size_t *used, struct buf *out)
{
	uint8_t		 d[DECIMAL_MAX_BYTES];
	unsigned int	 intg, intg0, intg0x, frac0, frac0x, i;
	size_t		 size, off = 0, start;
	uint8_t		 mask;
	uint32_t	 g;
	bool		 neg, nonzero = false;
	char		 tmp[16];
	size_t		 pos;

	if (precision < 1 || precision > 65 || scale > precision)
		return -1;
	intg = precision - scale;
	intg0 = intg / 9;
	intg0x = intg % 9;
	frac0 = scale / 9;
	frac0x = scale % 9;
	size = intg0 * 4 + dig2bytes[intg0x] + frac0 * 4 + dig2bytes[frac0x];
	if (size > sizeof d || size > len || size == 0)
		return -1;
	memcpy(d, p, size);
	neg = (d[0] & 0x80) == 0;
	d[0] ^= 0x80;
	mask = neg ? 0xff : 0;
	for (i = 0; i < size; i++)
		d[i] ^= mask;

	start = out->len;
	if (neg)
		buf_addc(out, '-');
	pos = out->len;
	/* Integer part: leading partial group, then full groups. */
	if (intg0x > 0) {
		g = (uint32_t)get_be(d, dig2bytes[intg0x]);
		if (g >= pow10_32[intg0x])
			goto bad;
		off += dig2bytes[intg0x];
		if (g != 0) {
			buf_addf(out, "%" PRIu32, g);
			nonzero = true;
		}
	}
	for (i = 0; i < intg0; i++, off += 4) {
		g = (uint32_t)get_be(d + off, 4);
		if (g >= pow10_32[9])
			goto bad;
		if (nonzero)
			buf_addf(out, "%09" PRIu32, g);
		else if (g != 0) {
			buf_addf(out, "%" PRIu32, g);
			nonzero = true;
		}
	}
	if (!nonzero)
		buf_addc(out, '0');
	/* Fraction: full groups, then the trailing partial group. */
	if (scale > 0)
		buf_addc(out, '.');
	for (i = 0; i < frac0; i++, off += 4) {
		g = (uint32_t)get_be(d + off, 4);
		if (g >= pow10_32[9])
			goto bad;
		if (g != 0)
			nonzero = true;
		buf_addf(out, "%09" PRIu32, g);
	}
	if (frac0x > 0) {
		g = (uint32_t)get_be(d + off, dig2bytes[frac0x]);
		if (g >= pow10_32[frac0x])
			goto bad;
		if (g != 0)
			nonzero = true;
		snprintf(tmp, sizeof tmp, "%0*" PRIu32, (int)frac0x, g);
		buf_adds(out, tmp);
	}
	/* The server never writes -0; if it comes, print 0. */
	if (neg && !nonzero) {
		memmove(out->data + start, out->data + pos, out->len - pos);
		buf_truncate(out, out->len - (pos - start));
	}
	*used = size;
	return 0;

bad:
	buf_truncate(out, start);
	return -1;
}

/* MySQL's binary JSON (sql/json_binary.h, WL#8132) to JSON text, printed
 * the way MySQL prints it: ", " and ": " separators.
 *
 *   doc     ::= type value
 *   object  ::= count size key-entry* value-entry* key* value*
 *   array   ::= count size value-entry* value*
 *   count, size, key offsets, value offsets: uint16 in the small formats
 *   (types 0x00, 0x02), uint32 in the large ones (0x01, 0x03), all
 *   little-endian; key-entry ::= offset length(uint16);
 *   value-entry ::= type offset-or-inlined-value. Literals, int16 and uint16
 *   (and int32/uint32 in the large formats) are inlined in the entry;
 *   offsets count from the start of the object or array (its count field).
 *   Scalars: 0x04 literal (0 null, 1 true, 2 false), 0x05 int16, 0x06
 *   uint16, 0x07 int32, 0x08 uint32, 0x09 int64, 0x0a uint64, 0x0b double
 *   (IEEE little-endian), 0x0c string (varlen + utf8mb4), 0x0f opaque (MySQL
 *   field type byte, varlen, data). varlen: 7 bits per byte, low first,
 *   high bit set on all but the last byte, at most 5 bytes.
 *
 * Corrupt input may point several entries at the same bytes; the depth
 * limit and an output budget keep the work bounded. */
struct json_ctx {
	struct buf	*out;
	size_t		 limit;		/* out->len may not pass this */
	const char	*error;
};

enum {
	JSONB_SMALL_OBJECT = 0x00,
	JSONB_LARGE_OBJECT = 0x01,
	JSONB_SMALL_ARRAY = 0x02,
	JSONB_LARGE_ARRAY = 0x03,
	JSONB_LITERAL = 0x04,
	JSONB_INT16 = 0x05,
	JSONB_UINT16 = 0x06,
	JSONB_INT32 = 0x07,
	JSONB_UINT32 = 0x08,
	JSONB_INT64 = 0x09,
	JSONB_UINT64 = 0x0a,
	JSONB_DOUBLE = 0x0b,
	JSONB_STRING = 0x0c,
	JSONB_OPAQUE = 0x0f,
};

static int json_value(struct json_ctx *, uint8_t, const uint8_t *, size_t,
    int);

/* Fail the conversion with a reason. */
static int
json_fail(struct json_ctx *j, const char *why)
{
	if (j->error == NULL)
		j->error = why;
	return -1;
}

/* Check the output budget. */
static int
json_budget(struct json_ctx *j)
{
	if (j->out->len > j->limit)
		return json_fail(j, "json expands beyond its budget");
	return 0;
}

/* Read a varlen; 0 or -1. */
static int
json_varlen(const uint8_t *p, size_t len, size_t *n, size_t *used)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < len && i < 5; i++) {
		v |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if ((p[i] & 0x80) == 0) {
			if (v > UINT32_MAX)
				return -1;
			*n = (size_t)v;
			*used = i + 1;
			return 0;
		}
	}
	return -1;
}

/* Append s as a JSON string with MySQL's escapes. */
static void
json_quote(struct buf *out, const uint8_t *s, size_t n)
{
	size_t	i;

	buf_addc(out, '"');
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '"':
			buf_adds(out, "\\\"");
			break;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\b':
			buf_adds(out, "\\b");
			break;
		case '\f':
			buf_adds(out, "\\f");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			if (s[i] < 0x20)
				buf_addf(out, "\\u%04x", s[i]);
			else
				buf_addc(out, (char)s[i]);
			break;
		}
	}
	buf_addc(out, '"');
}

/* Append the shortest decimal text that reads back as d. */
static void
add_double(struct buf *out, double d, bool json)
{
	char	tmp[40];
	int	prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_adds(out, tmp);
	/* MySQL marks integral doubles in JSON so they stay doubles. */
	if (json && strpbrk(tmp, ".eEn") == NULL)
		buf_adds(out, ".0");
}


static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append base64 of p. */
static void
add_base64(struct buf *out, const uint8_t *p, size_t n)
{
	size_t		i;
	uint32_t	v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		buf_addc(out, b64chars[v >> 18]);
		buf_addc(out, b64chars[(v >> 12) & 63]);
		buf_addc(out, b64chars[(v >> 6) & 63]);
		buf_addc(out, b64chars[v & 63]);
	}
	if (i < n) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		buf_addc(out, b64chars[v >> 18]);
		buf_addc(out, b64chars[(v >> 12) & 63]);
		buf_addc(out, i + 1 < n ? b64chars[(v >> 6) & 63] : '=');
		buf_addc(out, '=');
	}
}

/* Unpack MySQL's in-memory packed temporal (my_time.h: 24 bits of
 * microseconds under the integer part; a datetime's integer part is
 * ((year * 13 + month) << 5 | day) << 17 | hour << 12 | minute << 6 | second,
 * a time's is hour << 12 | minute << 6 | second), sign-magnitude. */
static int
json_packed_temporal(struct json_ctx *j, uint8_t type, int64_t packed)
{
	char		tmp[64];
	uint64_t	a, ip, ymd, ym, hms;
	uint32_t	usec;
	bool		neg = packed < 0;

	a = neg ? (uint64_t)0 - (uint64_t)packed : (uint64_t)packed;
	usec = (uint32_t)(a % (1 << 24));
	ip = a >> 24;
	if (usec > 999999)
		return json_fail(j, "bad temporal in json");
	if (type == ROWIMAGE_TYPE_TIME) {
		hms = ip;
		format_time(tmp, sizeof tmp, neg, (unsigned int)(hms >> 12),
		    (unsigned int)((hms >> 6) % 64), (unsigned int)(hms % 64),
		    usec, 6);
	} else {
		if (neg)
			return json_fail(j, "negative datetime in json");
		ymd = ip >> 17;
		ym = ymd >> 5;
		hms = ip % (1 << 17);
		if (ym / 13 > 9999)
			return json_fail(j, "bad datetime in json");
		if (type == ROWIMAGE_TYPE_DATE)
			snprintf(tmp, sizeof tmp, "%04u-%02u-%02u",
			    (unsigned int)(ym / 13), (unsigned int)(ym % 13),
			    (unsigned int)(ymd % 32));
		else
			format_datetime(tmp, sizeof tmp,
			    (unsigned int)(ym / 13), (unsigned int)(ym % 13),
			    (unsigned int)(ymd % 32), (unsigned int)(hms >> 12),
			    (unsigned int)((hms >> 6) % 64),
			    (unsigned int)(hms % 64), usec, 6);
	}
	buf_addc(j->out, '"');
	buf_adds(j->out, tmp);
	buf_addc(j->out, '"');
	return 0;
}

/* An opaque value: DECIMAL as a number, temporals as strings, anything else
 * the way MySQL prints it, "base64:type<N>:<data>". */
static int
json_opaque(struct json_ctx *j, const uint8_t *p, size_t len)
{
	uint8_t		type;
	size_t		n, used, dused;

	if (len < 1)
		return json_fail(j, "truncated json opaque");
	type = p[0];
	if (json_varlen(p + 1, len - 1, &n, &used) != 0 ||
	    n > len - 1 - used)
		return json_fail(j, "truncated json opaque");
	p += 1 + used;
	switch (type) {
	case ROWIMAGE_TYPE_NEWDECIMAL:
		if (n < 2 || decimal_to_text(p + 2, n - 2, p[0], p[1], &dused,
		    j->out) != 0 || dused != n - 2)
			return json_fail(j, "bad decimal in json");
		return 0;
	case ROWIMAGE_TYPE_DATE:
	case ROWIMAGE_TYPE_TIME:
	case ROWIMAGE_TYPE_DATETIME:
	case ROWIMAGE_TYPE_TIMESTAMP:
		if (n < 8)
			return json_fail(j, "truncated temporal in json");
		return json_packed_temporal(j, type, (int64_t)get_le(p, 8));
	default:
		buf_addf(j->out, "\"base64:type%u:", type);
		add_base64(j->out, p, n);
		buf_addc(j->out, '"');
		return 0;
	}
}

/* An object or array at p (its count field), at most len bytes. */
static int
json_container(struct json_ctx *j, const uint8_t *p, size_t len, bool large,
    bool object, int depth)
{
	size_t		osz = large ? 4 : 2, count, size, keysz, valsz, i;
	size_t		hdr, ke, ve, koff, klen, voff;
	uint8_t		vt;

	if (len < 2 * osz)
		return json_fail(j, "truncated json container");
	count = get_le(p, osz);
	size = get_le(p + osz, osz);
	if (size > len || size < 2 * osz)
		return json_fail(j, "bad json container size");
	keysz = object ? osz + 2 : 0;
	valsz = 1 + osz;
	if (count > size / (keysz + valsz))
		return json_fail(j, "bad json element count");
	hdr = 2 * osz + count * (keysz + valsz);
	if (hdr > size)
		return json_fail(j, "bad json element count");

	buf_addc(j->out, object ? '{' : '[');
	for (i = 0; i < count; i++) {
		if (i > 0)
			buf_adds(j->out, ", ");
		if (object) {
			ke = 2 * osz + i * keysz;
			koff = get_le(p + ke, osz);
			klen = get_le(p + ke + osz, 2);
			if (koff > size || klen > size - koff)
				return json_fail(j, "bad json key");
			json_quote(j->out, p + koff, klen);
			buf_adds(j->out, ": ");
		}
		ve = 2 * osz + count * keysz + i * valsz;
		vt = p[ve];
		switch (vt) {
		case JSONB_LITERAL:
		case JSONB_INT16:
		case JSONB_UINT16:
			if (json_value(j, vt, p + ve + 1, osz, depth) != 0)
				return -1;
			break;
		case JSONB_INT32:
		case JSONB_UINT32:
			if (large) {
				if (json_value(j, vt, p + ve + 1, osz,
				    depth) != 0)
					return -1;
				break;
			}
			/* FALLTHROUGH */
		default:
			voff = get_le(p + ve + 1, osz);
			if (voff >= size)
				return json_fail(j, "bad json value offset");
			if (json_value(j, vt, p + voff, size - voff,
			    depth + 1) != 0)
				return -1;
			break;
		}
		if (json_budget(j) != 0)
			return -1;
	}
	buf_addc(j->out, object ? '}' : ']');
	return 0;
}

/* One value of type t at p, at most len bytes. */
static int
json_value(struct json_ctx *j, uint8_t t, const uint8_t *p, size_t len,
    int depth)
{
	size_t		n, used;
	uint64_t	u;
	double		d;

	if (depth > JSON_MAX_DEPTH)
		return json_fail(j, "json nested too deeply");
	switch (t) {
	case JSONB_SMALL_OBJECT:
	case JSONB_LARGE_OBJECT:
	case JSONB_SMALL_ARRAY:
	case JSONB_LARGE_ARRAY:
		return json_container(j, p, len,
		    t == JSONB_LARGE_OBJECT || t == JSONB_LARGE_ARRAY,
		    t == JSONB_SMALL_OBJECT || t == JSONB_LARGE_OBJECT, depth);
	case JSONB_LITERAL:
		if (len < 1 || p[0] > 2)
			return json_fail(j, "bad json literal");
		buf_adds(j->out, p[0] == 0 ? "null" : p[0] == 1 ? "true" :
		    "false");
		return 0;
	case JSONB_INT16:
	case JSONB_UINT16:
		n = 2;
		break;
	case JSONB_INT32:
	case JSONB_UINT32:
		n = 4;
		break;
	case JSONB_INT64:
	case JSONB_UINT64:
	case JSONB_DOUBLE:
		n = 8;
		break;
	case JSONB_STRING:
		if (json_varlen(p, len, &n, &used) != 0 || n > len - used)
			return json_fail(j, "truncated json string");
		json_quote(j->out, p + used, n);
		return 0;
	case JSONB_OPAQUE:
		return json_opaque(j, p, len);
	default:
		return json_fail(j, "unknown json value type");
	}
	if (len < n)
		return json_fail(j, "truncated json number");
	u = get_le(p, n);
	switch (t) {
	case JSONB_INT16:
	case JSONB_INT32:
	case JSONB_INT64:
		buf_addf(j->out, "%" PRId64, sign_extend(u, n));
		break;
	case JSONB_DOUBLE:
		memcpy(&d, &u, sizeof d);
		if (!isfinite(d))
			return json_fail(j, "json double is not finite");
		add_double(j->out, d, true);
		break;
	default:
		buf_addf(j->out, "%" PRIu64, u);
		break;
	}
	return 0;
}

/* A whole binary JSON document to text. An empty document is JSON null, as
 * MySQL reads it. */
static int
json_to_text(const uint8_t *p, size_t len, struct buf *out, const char **why)
{
	struct json_ctx	j;
	size_t		start = out->len;

	if (len == 0) {
		buf_adds(out, "null");
		return 0;
	}
	j.out = out;
	j.limit = start + len * 8 + 1024;
	j.error = NULL;
	if (json_value(&j, p[0], p + 1, len - 1, 0) != 0) {
		buf_truncate(out, start);
		*why = j.error != NULL ? j.error : "bad json";
		return -1;
	}
	return 0;
}

/* Decode one value of column c at p (at most len bytes) into v; text and
 * bytes go to st at *off. Returns 0 with *used, or -1 with *why. */
static int
decode_value(const struct rowimage_column *c, const uint8_t *p, size_t len,
    size_t *used, struct rowimage_value *v, struct buf *st, size_t *off,
    const char **why)
{
	char		 tmp[64];
	size_t		 n = 0, lb = 0, dlen;
	uint64_t	 u, a, ip, ymd, ym, hms;
	int64_t		 s;
	uint32_t	 usec, f32;
	unsigned int	 fsp, year, month, day, hour, minute, second;
	bool		 neg;
	float		 f;
	double		 d;
	const char	*jwhy;

	v->type = c->real_type;
	switch (c->real_type) {
	case ROWIMAGE_TYPE_TINY:
		n = 1;
		goto integer;
	case ROWIMAGE_TYPE_SHORT:
		n = 2;
		goto integer;
	case ROWIMAGE_TYPE_INT24:
		n = 3;
		goto integer;
	case ROWIMAGE_TYPE_LONG:
		n = 4;
		goto integer;
	case ROWIMAGE_TYPE_LONGLONG:
		n = 8;
	integer:
		if (len < n)
			goto trunc;
		u = get_le(p, n);
		if (c->is_unsigned) {
			v->kind = ROWIMAGE_UINT;
			v->v.u = u;
		} else {
			v->kind = ROWIMAGE_INT;
			v->v.i = sign_extend(u, n);
		}
		break;

	case ROWIMAGE_TYPE_FLOAT:
		n = 4;
		if (len < n)
			goto trunc;
		f32 = (uint32_t)get_le(p, 4);
		memcpy(&f, &f32, sizeof f);
		if (!isfinite(f))
			goto corrupt;
		v->kind = ROWIMAGE_FLOAT;
		v->v.f = f;
		break;
	case ROWIMAGE_TYPE_DOUBLE:
		n = 8;
		if (len < n)
			goto trunc;
		u = get_le(p, 8);
		memcpy(&d, &u, sizeof d);
		if (!isfinite(d))
			goto corrupt;
		v->kind = ROWIMAGE_DOUBLE;
		v->v.d = d;
		break;

	case ROWIMAGE_TYPE_NEWDECIMAL:
		*off = st->len;
		if (decimal_to_text(p, len, c->precision, c->scale, &n,
		    st) != 0) {
			*why = "truncated or corrupt decimal";
			return -1;
		}
		v->len = st->len - *off;
		buf_addc(st, '\0');
		v->kind = ROWIMAGE_DECIMAL;
		break;

	case ROWIMAGE_TYPE_YEAR:
		n = 1;
		if (len < n)
			goto trunc;
		v->kind = ROWIMAGE_YEAR;
		v->v.u = p[0] == 0 ? 0 : 1900 + (unsigned int)p[0];
		break;

	case ROWIMAGE_TYPE_DATE:
	case ROWIMAGE_TYPE_NEWDATE:
		n = 3;
		if (len < n)
			goto trunc;
		u = get_le(p, 3);
		day = (unsigned int)(u & 31);
		month = (unsigned int)((u >> 5) & 15);
		year = (unsigned int)(u >> 9);
		if (month > 12 || year > 9999)
			goto corrupt;
		snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", year, month, day);
		v->kind = ROWIMAGE_DATE;
		goto text;

	case ROWIMAGE_TYPE_TIMESTAMP2:
		fsp = c->fsp;
		n = 4 + (fsp + 1) / 2;
		if (len < n)
			goto trunc;
		v->v.ts.sec = (int64_t)get_be(p, 4);
		usec = 0;
		if (fsp > 0)
			usec = (uint32_t)get_be(p + 4, (fsp + 1) / 2) *
			    pow10_32[6 - (fsp + 1) / 2 * 2];
		goto timestamp;
	case ROWIMAGE_TYPE_TIMESTAMP:
		fsp = c->schema_fsp;
		if (fsp > 6)
			goto corrupt;
		n = 4 + sec_part_bytes[fsp];
		if (len < n)
			goto trunc;
		if (fsp == 0) {
			v->v.ts.sec = (int64_t)get_le(p, 4);
			usec = 0;
		} else {
			/* MariaDB 5.3: big-endian seconds, then the
			 * fraction in units of 10^-fsp. */
			v->v.ts.sec = (int64_t)get_be(p, 4);
			usec = (uint32_t)get_be(p + 4, sec_part_bytes[fsp]) *
			    pow10_32[6 - fsp];
		}
	timestamp:
		if (usec > 999999)
			goto corrupt;
		v->v.ts.usec = usec;
		v->kind = ROWIMAGE_TIMESTAMP;
		v->fsp = (uint8_t)fsp;
		rowimage_format_timestamp(tmp, sizeof tmp, v->v.ts.sec, usec,
		    fsp);
		goto text;

	case ROWIMAGE_TYPE_DATETIME2:
		/* 40 bits: sign (1 = positive), year * 13 + month (17),
		 * day (5), hour (5), minute (6), second (6); then the
		 * fraction, big-endian, in (fsp + 1) / 2 bytes. */
		fsp = c->fsp;
		n = 5 + (fsp + 1) / 2;
		if (len < n)
			goto trunc;
		u = get_be(p, 5);
		if (u < 0x8000000000ULL)
			goto corrupt;
		ip = u - 0x8000000000ULL;
		usec = 0;
		if (fsp > 0)
			usec = (uint32_t)get_be(p + 5, (fsp + 1) / 2) *
			    pow10_32[6 - (fsp + 1) / 2 * 2];
		ymd = ip >> 17;
		ym = ymd >> 5;
		hms = ip % (1 << 17);
		year = (unsigned int)(ym / 13);
		month = (unsigned int)(ym % 13);
		day = (unsigned int)(ymd % 32);
		hour = (unsigned int)(hms >> 12);
		minute = (unsigned int)((hms >> 6) % 64);
		second = (unsigned int)(hms % 64);
		goto datetime;
	case ROWIMAGE_TYPE_DATETIME:
		fsp = c->schema_fsp;
		if (fsp > 6)
			goto corrupt;
		if (fsp == 0) {
			/* YYYYMMDDhhmmss as a little-endian integer. */
			n = 8;
			if (len < n)
				goto trunc;
			u = get_le(p, 8);
			usec = 0;
			second = (unsigned int)(u % 100);
			minute = (unsigned int)(u / 100 % 100);
			hour = (unsigned int)(u / 10000 % 100);
			u /= 1000000;
			day = (unsigned int)(u % 100);
			month = (unsigned int)(u / 100 % 100);
			if (u / 10000 > 9999)
				goto corrupt;
			year = (unsigned int)(u / 10000);
		} else {
			/* MariaDB 5.3: big-endian
			 * ((((((y * 13 + m) * 32 + d) * 24 + h) * 60 + mi)
			 * * 60 + s) * 10^6 + us) / 10^(6 - fsp). */
			n = 5 + sec_part_bytes[fsp];
			if (len < n)
				goto trunc;
			u = get_be(p, n) * pow10_32[6 - fsp];
			usec = (uint32_t)(u % 1000000);
			u /= 1000000;
			second = (unsigned int)(u % 60);
			u /= 60;
			minute = (unsigned int)(u % 60);
			u /= 60;
			hour = (unsigned int)(u % 24);
			u /= 24;
			day = (unsigned int)(u % 32);
			u /= 32;
			month = (unsigned int)(u % 13);
			if (u / 13 > 9999)
				goto corrupt;
			year = (unsigned int)(u / 13);
		}
	datetime:
		if (year > 9999 || month > 12 || day > 31 || hour > 23 ||
		    minute > 59 || second > 59 || usec > 999999)
			goto corrupt;
		format_datetime(tmp, sizeof tmp, year, month, day, hour,
		    minute, second, usec, fsp);
		v->kind = ROWIMAGE_DATETIME;
		v->fsp = (uint8_t)fsp;
		goto text;

	case ROWIMAGE_TYPE_TIME2:
		/* 24 bits: sign (1 = positive), unused, hour (10), minute
		 * (6), second (6), stored as value + 0x800000; then the
		 * fraction. A negative value with a fraction stores the
		 * integer part one lower and the fraction as its complement
		 * (my_time_packed_to_binary), so that bytes sort. */
		fsp = c->fsp;
		n = 3 + (fsp + 1) / 2;
		if (len < n)
			goto trunc;
		switch (fsp) {
		case 0:
			s = ((int64_t)get_be(p, 3) - 0x800000) * (1 << 24);
			break;
		case 1:
		case 2:
		case 3:
		case 4:
			s = (int64_t)get_be(p, 3) - 0x800000;
			dlen = fsp <= 2 ? 1 : 2;
			a = get_be(p + 3, dlen);
			if (s < 0 && a != 0) {
				s++;
				a = (uint64_t)((int64_t)a -
				    ((int64_t)1 << (8 * dlen)));
			}
			s = s * (1 << 24) + (int64_t)a *
			    (fsp <= 2 ? 10000 : 100);
			break;
		default:
			s = (int64_t)get_be(p, 6) - 0x800000000000LL;
			break;
		}
		neg = s < 0;
		a = neg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
		usec = (uint32_t)(a % (1 << 24));
		hms = a >> 24;
		hour = (unsigned int)((hms >> 12) % 1024);
		minute = (unsigned int)((hms >> 6) % 64);
		second = (unsigned int)(hms % 64);
		goto time;
	case ROWIMAGE_TYPE_TIME:
		fsp = c->schema_fsp;
		if (fsp > 6)
			goto corrupt;
		if (fsp == 0) {
			/* +-HHMMSS as a 3-byte little-endian integer. */
			n = 3;
			if (len < n)
				goto trunc;
			s = sign_extend(get_le(p, 3), 3);
			neg = s < 0;
			a = neg ? (uint64_t)-s : (uint64_t)s;
			usec = 0;
			second = (unsigned int)(a % 100);
			minute = (unsigned int)(a / 100 % 100);
			hour = (unsigned int)(a / 10000);
		} else {
			/* MariaDB 5.3: big-endian microseconds / 10^(6 - fsp)
			 * plus the same for 839 hours, so that bytes sort. */
			n = 3 + sec_part_bytes[fsp];
			if (len < n)
				goto trunc;
			s = (int64_t)get_be(p, n) -
			    (int64_t)(3020400ULL * 1000000 / pow10_32[6 - fsp]);
			s *= pow10_32[6 - fsp];
			neg = s < 0;
			a = neg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
			usec = (uint32_t)(a % 1000000);
			a /= 1000000;
			second = (unsigned int)(a % 60);
			minute = (unsigned int)(a / 60 % 60);
			hour = (unsigned int)(a / 3600);
		}
	time:
		if (minute > 59 || second > 59 || usec > 999999 || hour > 1023)
			goto corrupt;
		format_time(tmp, sizeof tmp, neg, hour, minute, second, usec,
		    fsp);
		v->kind = ROWIMAGE_TIME;
		v->fsp = (uint8_t)fsp;
		goto text;

	case ROWIMAGE_TYPE_BIT:
		n = ((size_t)c->bits + 7) / 8;
		if (n == 0 || n > 8)
			goto corrupt;
		if (len < n)
			goto trunc;
		v->kind = ROWIMAGE_BIT;
		v->v.u = get_be(p, n);
		v->bits = c->bits;
		if (c->bits < 64 && v->v.u >> c->bits != 0)
			goto corrupt;
		break;

	case ROWIMAGE_TYPE_ENUM:
	case ROWIMAGE_TYPE_SET:
		n = c->pack_length;
		if (n < 1 || n > 8)
			goto corrupt;
		if (len < n)
			goto trunc;
		v->kind = c->real_type == ROWIMAGE_TYPE_ENUM ? ROWIMAGE_ENUM :
		    ROWIMAGE_SET;
		v->v.u = get_le(p, n);
		break;

	case ROWIMAGE_TYPE_STRING:
		lb = c->max_length > 255 ? 2 : 1;
		goto string;
	case ROWIMAGE_TYPE_VARCHAR:
	case ROWIMAGE_TYPE_VAR_STRING:
		lb = c->max_length > 255 ? 2 : 1;
		goto string;
	case ROWIMAGE_TYPE_TINY_BLOB:
	case ROWIMAGE_TYPE_MEDIUM_BLOB:
	case ROWIMAGE_TYPE_LONG_BLOB:
	case ROWIMAGE_TYPE_BLOB:
	case ROWIMAGE_TYPE_GEOMETRY:
	case ROWIMAGE_TYPE_JSON:
		lb = c->pack_length;
		if (lb < 1 || lb > 4)
			goto corrupt;
	string:
		if (len < lb)
			goto trunc;
		dlen = (size_t)get_le(p, lb);
		if (dlen > len - lb)
			goto trunc;
		n = lb + dlen;
		p += lb;
		if (c->real_type == ROWIMAGE_TYPE_JSON) {
			*off = st->len;
			if (json_to_text(p, dlen, st, &jwhy) != 0) {
				*why = jwhy;
				return -1;
			}
			v->len = st->len - *off;
			buf_addc(st, '\0');
			v->kind = ROWIMAGE_JSON;
			v->charset = "utf8mb4";
			break;
		}
		*off = st->len;
		buf_add(st, p, dlen);
		if (c->real_type == ROWIMAGE_TYPE_STRING &&
		    c->pad_length > dlen) {
			/* The server strips BINARY(N)'s trailing 0x00. */
			while (st->len - *off < c->pad_length)
				buf_addc(st, '\0');
		}
		v->len = st->len - *off;
		buf_addc(st, '\0');
		if (c->real_type == ROWIMAGE_TYPE_GEOMETRY)
			v->kind = ROWIMAGE_GEOMETRY;
		else if (c->is_binary)
			v->kind = ROWIMAGE_BYTES;
		else
			v->kind = ROWIMAGE_STRING;
		break;

	case ROWIMAGE_TYPE_NULL:
		v->kind = ROWIMAGE_NULL;
		n = 0;
		break;

	case ROWIMAGE_TYPE_VARCHAR_COMPRESSED:
	case ROWIMAGE_TYPE_BLOB_COMPRESSED:
		*why = "compressed columns are not supported";
		return -1;
	default:
		*why = "unsupported column type";
		return -1;
	}
	*used = n;
	return 0;

text:
	v->len = strlen(tmp);
	store(st, off, tmp, v->len);
	*used = n;
	return 0;
trunc:
	*why = "value truncated";
	return -1;
corrupt:
	*why = "corrupt value";
	return -1;
}

/* Does a value of column c keep its text in the row's storage? Numbers,
 * years, bits, enums and sets are held in the value itself. */
static bool
column_stores_text(const struct rowimage_column *c)
{
	switch (c->real_type) {
	case ROWIMAGE_TYPE_TINY:
	case ROWIMAGE_TYPE_SHORT:
	case ROWIMAGE_TYPE_INT24:
	case ROWIMAGE_TYPE_LONG:
	case ROWIMAGE_TYPE_LONGLONG:
	case ROWIMAGE_TYPE_FLOAT:
	case ROWIMAGE_TYPE_DOUBLE:
	case ROWIMAGE_TYPE_YEAR:
	case ROWIMAGE_TYPE_BIT:
	case ROWIMAGE_TYPE_ENUM:
	case ROWIMAGE_TYPE_SET:
		return false;
	default:
		return true;
	}
}

/* Decode one row image of the first ncols table columns. */
static int
decode_row(const struct rowimage_table *t, unsigned int ncols,
    const uint8_t *present, const uint8_t *p, size_t len, size_t *used,
    struct rowimage_row *row, char **cause)
{
	struct rowimage_value	*v;
	struct buf		 st = BUF_INIT;
	size_t			 small[2 * 64], *offs, *csoffs, nbytes, off, n;
	unsigned int		 i, npresent = 0, k = 0;
	const char		*why = NULL;
	const struct rowimage_column *c;

	memset(row, 0, sizeof *row);
	if (ncols > t->ncols) {
		set_cause(cause, "row has %u columns, table %u", ncols,
		    t->ncols);
		return -1;
	}
	for (i = 0; i < ncols; i++)
		npresent += bit_is_set(present, i);
	nbytes = (npresent + 7) / 8;
	if (len < nbytes) {
		set_cause(cause, "row image truncated in its null bitmap");
		return -1;
	}
	row->ncols = t->ncols;
	row->values = xcalloc(t->ncols > 0 ? t->ncols : 1,
	    sizeof *row->values);
	/* Offsets on the stack for tables of up to 64 columns (rows are
	 * decoded by the thousand a second). */
	if (t->ncols <= 64) {
		memset(small, 0, 2 * (size_t)t->ncols * sizeof *small);
		offs = small;
	} else
		offs = xcalloc(2 * (size_t)t->ncols, sizeof *offs);
	csoffs = offs + t->ncols;
	off = nbytes;
	for (i = 0; i < ncols; i++) {
		if (!bit_is_set(present, i))
			continue;
		v = &row->values[i];
		c = &t->cols[i];
		/* The null bitmap counts present columns only. */
		if (bit_is_set(p, k++)) {
			v->kind = ROWIMAGE_NULL;
			v->type = c->real_type;
			continue;
		}
		offs[i] = SIZE_MAX;
		/* Storage for a typical row in one allocation, made only when
		 * a value needs it. */
		if (st.cap == 0 && column_stores_text(c))
			buf_grow(&st, 256);
		if (decode_value(c, p + off, len - off, &n, v, &st, &offs[i],
		    &why) != 0) {
			set_cause(cause, "column %u (type %u): %s", i + 1,
			    c->real_type, why);
			goto fail;
		}
		off += n;
		if (v->kind == ROWIMAGE_STRING) {
			csoffs[i] = st.len;
			buf_adds(&st, c->charset);
			buf_addc(&st, '\0');
		}
	}

	/* The storage no longer moves: point the values into it. */
	row->storage_len = st.len;
	row->storage = buf_detach(&st);
	for (i = 0; i < ncols; i++) {
		v = &row->values[i];
		if (v->kind == ROWIMAGE_ABSENT || v->kind == ROWIMAGE_NULL)
			continue;
		if (offs[i] != SIZE_MAX)
			v->str = row->storage + offs[i];
		if (v->kind == ROWIMAGE_STRING)
			v->charset = row->storage + csoffs[i];
	}
	if (offs != small)
		free(offs);
	*used = off;
	return 0;

fail:
	if (offs != small)
		free(offs);
	buf_release(&st);
	rowimage_row_release(row);
	return -1;
}

/* Decode one row image of a table. */
int
rowimage_decode_row(const struct rowimage_table *t, const uint8_t *present,
    const uint8_t *p, size_t len, size_t *used, struct rowimage_row *row,
    char **cause)
{
	return decode_row(t, t->ncols, present, p, len, used, row, cause);
}

/* Free a row's values and storage. */
void
rowimage_row_release(struct rowimage_row *row)
{
	free(row->values);
	free(row->storage);
	memset(row, 0, sizeof *row);
}

/* The table id of a ROWS event. */
int
rowimage_rows_table_id(const uint8_t *p, size_t len, uint64_t *id)
{
	if (len < 6)
		return -1;
	*id = get_le(p, 6);
	return 0;
}

/* Which of the three row operations an event type is. */
static bool
is_update(uint8_t ev_type)
{
	return ev_type == ROWIMAGE_EV_UPDATE_ROWS_V1 ||
	    ev_type == ROWIMAGE_EV_UPDATE_ROWS_V2;
}

static bool
is_write(uint8_t ev_type)
{
	return ev_type == ROWIMAGE_EV_WRITE_ROWS_V1 ||
	    ev_type == ROWIMAGE_EV_WRITE_ROWS_V2;
}

static bool
is_delete(uint8_t ev_type)
{
	return ev_type == ROWIMAGE_EV_DELETE_ROWS_V1 ||
	    ev_type == ROWIMAGE_EV_DELETE_ROWS_V2;
}

/* Decode the row images of a ROWS event. */
int
rowimage_rows_decode_images(struct rowimage_rows *r, uint8_t ev_type,
    const struct rowimage_table *t, unsigned int ncols,
    const uint8_t *present, const uint8_t *present_after, const uint8_t *p,
    size_t len, char **cause)
{
	size_t		 off = 0, cap = 0, n1, n2;
	char		*why = NULL;

	memset(r, 0, sizeof *r);
	r->event_type = ev_type;
	r->ncols = ncols;
	if (!is_write(ev_type) && !is_update(ev_type) && !is_delete(ev_type)) {
		set_cause(cause, "event type %u is not a rows event", ev_type);
		return -1;
	}
	if (ncols > t->ncols) {
		set_cause(cause, "rows event has %u columns, table %s.%s %u",
		    ncols, t->db != NULL ? t->db : "", t->name != NULL ?
		    t->name : "", t->ncols);
		return -1;
	}
	if (is_update(ev_type) && present_after == NULL)
		present_after = present;
	while (off < len) {
		if (r->nrows == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			if (!is_write(ev_type))
				r->before = xreallocarray(r->before, cap,
				    sizeof *r->before);
			if (!is_delete(ev_type))
				r->after = xreallocarray(r->after, cap,
				    sizeof *r->after);
		}
		n1 = n2 = 0;
		if (!is_write(ev_type)) {
			if (decode_row(t, ncols, present, p + off, len - off,
			    &n1, &r->before[r->nrows], &why) != 0)
				goto fail;
			off += n1;
		}
		if (!is_delete(ev_type)) {
			if (decode_row(t, ncols, is_update(ev_type) ?
			    present_after : present, p + off, len - off, &n2,
			    &r->after[r->nrows], &why) != 0) {
				if (r->before != NULL)
					rowimage_row_release(
					    &r->before[r->nrows]);
				goto fail;
			}
			off += n2;
		}
		r->nrows++;
		if (n1 + n2 == 0) {
			/* No column present: nothing would ever advance. */
			why = xstrdup("rows event has empty row images");
			goto fail;
		}
	}
	return 0;

fail:
	set_cause(cause, "row %zu: %s", r->nrows + 1, why);
	free(why);
	rowimage_rows_release(r);
	return -1;
}

/* Decode a ROWS event body. */
int
rowimage_rows_decode(struct rowimage_rows *r, uint8_t ev_type,
    const uint8_t *p, size_t len, const struct rowimage_table *t,
    char **cause)
{
	size_t		 off, extra, nb;
	uint64_t	 ncols;
	const uint8_t	*present, *after = NULL;

	memset(r, 0, sizeof *r);
	if (len < 8)
		goto trunc;
	r->table_id = get_le(p, 6);
	r->flags = (uint16_t)get_le(p + 6, 2);
	off = 8;
	if (ev_type >= ROWIMAGE_EV_WRITE_ROWS_V2 &&
	    ev_type <= ROWIMAGE_EV_DELETE_ROWS_V2) {
		/* The length counts its own two bytes. */
		if (len - off < 2)
			goto trunc;
		extra = (size_t)get_le(p + off, 2);
		if (extra < 2 || len - off < extra)
			goto trunc;
		off += extra;
	}
	if (get_packed(p, len, &off, &ncols) != 0)
		goto trunc;
	if (ncols > t->ncols) {
		set_cause(cause, "rows event has %" PRIu64 " columns, table "
		    "%s.%s %u", ncols, t->db != NULL ? t->db : "",
		    t->name != NULL ? t->name : "", t->ncols);
		return -1;
	}
	nb = (ncols + 7) / 8;
	if (len - off < nb)
		goto trunc;
	present = p + off;
	off += nb;
	if (is_update(ev_type)) {
		if (len - off < nb)
			goto trunc;
		after = p + off;
		off += nb;
	}
	if (rowimage_rows_decode_images(r, ev_type, t, (unsigned int)ncols,
	    present, after, p + off, len - off, cause) != 0)
		return -1;
	r->table_id = get_le(p, 6);
	r->flags = (uint16_t)get_le(p + 6, 2);
	return 0;

trunc:
	set_cause(cause, "rows event truncated");
	memset(r, 0, sizeof *r);
	return -1;
}

/* Free the rows of an event. */
void
rowimage_rows_release(struct rowimage_rows *r)
{
	size_t	i;

	for (i = 0; i < r->nrows; i++) {
		if (r->before != NULL)
			rowimage_row_release(&r->before[i]);
		if (r->after != NULL)
			rowimage_row_release(&r->after[i]);
	}
	free(r->before);
	free(r->after);
	memset(r, 0, sizeof *r);
}

/* Append a value as an SQL literal. */
int
rowimage_value_to_sql(const struct rowimage_value *v, struct buf *b)
{
	char		tmp[64];
	unsigned int	i;

	switch (v->kind) {
	case ROWIMAGE_ABSENT:
		return -1;
	case ROWIMAGE_NULL:
		buf_adds(b, "NULL");
		break;
	case ROWIMAGE_INT:
		buf_add_i64(b, v->v.i);
		break;
	case ROWIMAGE_UINT:
	case ROWIMAGE_YEAR:
	case ROWIMAGE_ENUM:
	case ROWIMAGE_SET:
		buf_add_u64(b, v->v.u);
		break;
	case ROWIMAGE_FLOAT:
		/* The float's exact value as a double: it reads back as the
		 * same float into a FLOAT column, and as the server's own
		 * widening into a DOUBLE one (what the row copy writes); the
		 * shortest float text would read as a different double. */
		add_double(b, (double)v->v.f, false);
		break;
	case ROWIMAGE_DOUBLE:
		add_double(b, v->v.d, false);
		break;
	case ROWIMAGE_DECIMAL:
		buf_add(b, v->str, v->len);
		break;
	case ROWIMAGE_STRING:
	case ROWIMAGE_JSON:
		/* An introducer makes the bytes mean text in the column's
		 * charset, whatever the connection's charset; hex keeps them
		 * byte for byte (no escaping, no sql_mode dependence). */
		if (v->charset != NULL && v->charset[0] != '\0') {
			buf_addc(b, '_');
			buf_adds(b, v->charset);
			buf_addc(b, ' ');
		}
		buf_add_hex(b, v->str, v->len);
		break;
	case ROWIMAGE_BYTES:
	case ROWIMAGE_GEOMETRY:
		buf_add_hex(b, v->str, v->len);
		break;
	case ROWIMAGE_TIMESTAMP:
		if (v->str == NULL) {
			/* A value built by hand: format its instant. */
			rowimage_format_timestamp(tmp, sizeof tmp, v->v.ts.sec,
			    v->v.ts.usec, v->fsp);
			buf_addf(b, "'%s'", tmp);
			break;
		}
		/* FALLTHROUGH */
	case ROWIMAGE_DATE:
	case ROWIMAGE_TIME:
	case ROWIMAGE_DATETIME:
		buf_addc(b, '\'');
		buf_add(b, v->str, v->len);
		buf_addc(b, '\'');
		break;
	case ROWIMAGE_BIT:
		buf_adds(b, "b'");
		for (i = v->bits > 0 ? v->bits : 1; i > 0; i--)
			buf_addc(b, (v->v.u >> (i - 1)) & 1 ? '1' : '0');
		buf_addc(b, '\'');
		break;
	}
	return 0;
}

/* The name of a kind. */
const char *
rowimage_kind_name(enum rowimage_kind k)
{
	if ((size_t)k >= nitems(kind_names))
		return "unknown";
	return kind_names[k];
}
