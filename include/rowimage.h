/* rowimage.h: decode binlog row images into values, and values into SQL.
 *
 * Pure: bytes in, values out; no I/O and no libmariadb structures. The binlog
 * reader hands us event bodies (what follows the 19-byte event header, without
 * the CRC32); we do not use mariadb_rpl_extract_rows (see DESIGN.md).
 *
 * A table's columns come from its TABLE_MAP event (type byte, metadata,
 * nullability), completed by facts the binlog lacks, which the caller takes
 * from information_schema: signedness, binary-ness and charset, the length
 * of BINARY(N) (the server strips its trailing 0x00 from row images) and the
 * fractional precision of MariaDB 5.3-format temporal columns.
 *
 *   struct rowimage_table t;
 *   rowimage_table_parse(&t, map_body, map_len, &cause);        TABLE_MAP
 *   t.cols[2].is_unsigned = true;                                schema facts
 *   rowimage_column_set_charset(&t.cols[3], "latin1");
 *   struct rowimage_rows rows;
 *   rowimage_rows_decode(&rows, type, body, len, &t, &cause);    ROWS event
 *   for (i = 0; i < rows.nrows; i++)
 *           use(rows.before ? &rows.before[i] : NULL,
 *               rows.after ? &rows.after[i] : NULL);
 *   rowimage_rows_release(&rows);
 *   rowimage_table_release(&t);
 *
 * Every decoder checks lengths before it reads: truncated or corrupt input
 * gives -1 and a cause, never a read past the buffer. */
#ifndef WISP_ROWIMAGE_H
#define WISP_ROWIMAGE_H

/* Binlog event type bytes this module reads. */
#define ROWIMAGE_EV_TABLE_MAP		19
#define ROWIMAGE_EV_WRITE_ROWS_V1	23	/* MariaDB, MySQL 5.1-5.5 */
#define ROWIMAGE_EV_UPDATE_ROWS_V1	24
#define ROWIMAGE_EV_DELETE_ROWS_V1	25
#define ROWIMAGE_EV_WRITE_ROWS_V2	30	/* MySQL 5.6+: extra data */
#define ROWIMAGE_EV_UPDATE_ROWS_V2	31
#define ROWIMAGE_EV_DELETE_ROWS_V2	32

/* Column type bytes of TABLE_MAP (MySQL's enum_field_types). */
#define ROWIMAGE_TYPE_DECIMAL		0	/* pre-5.0: unsupported */
#define ROWIMAGE_TYPE_TINY		1
#define ROWIMAGE_TYPE_SHORT		2
#define ROWIMAGE_TYPE_LONG		3
#define ROWIMAGE_TYPE_FLOAT		4
#define ROWIMAGE_TYPE_DOUBLE		5
#define ROWIMAGE_TYPE_NULL		6
#define ROWIMAGE_TYPE_TIMESTAMP		7	/* MariaDB 5.3 form if fsp */
#define ROWIMAGE_TYPE_LONGLONG		8
#define ROWIMAGE_TYPE_INT24		9
#define ROWIMAGE_TYPE_DATE		10
#define ROWIMAGE_TYPE_TIME		11	/* MariaDB 5.3 form if fsp */
#define ROWIMAGE_TYPE_DATETIME		12	/* MariaDB 5.3 form if fsp */
#define ROWIMAGE_TYPE_YEAR		13
#define ROWIMAGE_TYPE_NEWDATE		14
#define ROWIMAGE_TYPE_VARCHAR		15
#define ROWIMAGE_TYPE_BIT		16
#define ROWIMAGE_TYPE_TIMESTAMP2	17
#define ROWIMAGE_TYPE_DATETIME2		18
#define ROWIMAGE_TYPE_TIME2		19
#define ROWIMAGE_TYPE_BLOB_COMPRESSED	140	/* MariaDB (mysql_com.h): */
#define ROWIMAGE_TYPE_VARCHAR_COMPRESSED 141	/* metadata only */
#define ROWIMAGE_TYPE_JSON		245	/* MySQL binary JSON */
#define ROWIMAGE_TYPE_NEWDECIMAL	246
#define ROWIMAGE_TYPE_ENUM		247
#define ROWIMAGE_TYPE_SET		248
#define ROWIMAGE_TYPE_TINY_BLOB		249
#define ROWIMAGE_TYPE_MEDIUM_BLOB	250
#define ROWIMAGE_TYPE_LONG_BLOB		251
#define ROWIMAGE_TYPE_BLOB		252
#define ROWIMAGE_TYPE_VAR_STRING	253
#define ROWIMAGE_TYPE_STRING		254	/* and ENUM, SET: real_type */
#define ROWIMAGE_TYPE_GEOMETRY		255

/* One column as the binlog describes it, plus the schema facts. */
struct rowimage_column {
	/* From TABLE_MAP, filled by rowimage_parse_table_map_meta. */
	uint8_t		 type;		/* type byte */
	uint8_t		 real_type;	/* ENUM/SET/STRING hidden in STRING's
					   metadata; otherwise type */
	uint16_t	 meta;		/* metadata as the server reads it */
	bool		 nullable;
	uint32_t	 max_length;	/* VARCHAR, VAR_STRING, STRING: bytes */
	uint8_t		 pack_length;	/* BLOB, GEOMETRY, JSON: length bytes;
					   ENUM, SET: value bytes;
					   FLOAT, DOUBLE: 4 or 8 */
	uint8_t		 precision;	/* NEWDECIMAL */
	uint8_t		 scale;		/* NEWDECIMAL */
	uint8_t		 fsp;		/* TIME2, DATETIME2, TIMESTAMP2 */
	uint8_t		 bits;		/* BIT: 1..64 */

	/* From information_schema, set by the caller; zero is the default. */
	bool		 is_unsigned;	/* integer types */
	bool		 is_binary;	/* BINARY, VARBINARY, BLOB: bytes */
	char		 charset[33];	/* CHARACTER_SET_NAME; "" unknown */
	uint32_t	 pad_length;	/* BINARY(N): N, pads STRING values */
	uint8_t		 schema_fsp;	/* DATETIME_PRECISION, only read for
					   types 7, 11, 12 (MariaDB 5.3) */
};

/* A TABLE_MAP event. */
struct rowimage_table {
	uint64_t	 table_id;
	uint16_t	 flags;
	char		*db;
	char		*name;
	unsigned int	 ncols;
	struct rowimage_column *cols;
};

enum rowimage_kind {
	ROWIMAGE_ABSENT = 0,	/* not in this image (partial row image) */
	ROWIMAGE_NULL,
	ROWIMAGE_INT,		/* v.i: signed TINY..LONGLONG */
	ROWIMAGE_UINT,		/* v.u: unsigned TINY..LONGLONG */
	ROWIMAGE_FLOAT,		/* v.f */
	ROWIMAGE_DOUBLE,	/* v.d */
	ROWIMAGE_DECIMAL,	/* str: "-1234.50", scale fraction digits */
	ROWIMAGE_STRING,	/* str/len: bytes in charset (may be "") */
	ROWIMAGE_BYTES,		/* str/len: binary string, BINARY(N) padded */
	ROWIMAGE_DATE,		/* str: "2024-01-02" */
	ROWIMAGE_TIME,		/* str: "-838:59:59.000000", fsp digits */
	ROWIMAGE_DATETIME,	/* str: "2024-01-02 03:04:05.123456" */
	ROWIMAGE_TIMESTAMP,	/* v.ts; str: the same instant in UTC text */
	ROWIMAGE_YEAR,		/* v.u: 0 or 1901..2155 */
	ROWIMAGE_BIT,		/* v.u; bits */
	ROWIMAGE_ENUM,		/* v.u: 1-based index, 0 for '' */
	ROWIMAGE_SET,		/* v.u: bit i set = member i+1 */
	ROWIMAGE_JSON,		/* str: JSON text of MySQL binary JSON */
	ROWIMAGE_GEOMETRY,	/* str/len: SRID (4 bytes LE) then WKB */
};

/* A decoded column value. str points into the row's storage, is
 * NUL-terminated and lives as long as the row. */
struct rowimage_value {
	enum rowimage_kind kind;
	uint8_t		 type;		/* the column's real type byte */
	uint8_t		 fsp;		/* temporal: fraction digits in str */
	uint8_t		 bits;		/* BIT: width */
	const char	*charset;	/* STRING: column charset, "" unknown */
	const char	*str;
	size_t		 len;
	union {
		int64_t	 i;
		uint64_t u;
		float	 f;
		double	 d;
		struct {
			int64_t	 sec;	/* unix seconds; 0 = zero date */
			uint32_t usec;
		} ts;
	} v;
};

/* One row image: values[i] is table column i. */
struct rowimage_row {
	unsigned int	 ncols;
	struct rowimage_value *values;
	char		*storage;	/* owns every str */
	size_t		 storage_len;
};

/* A decoded ROWS event: nrows changes. WRITE has only after[], DELETE only
 * before[], UPDATE both (before[i] became after[i]). */
struct rowimage_rows {
	uint8_t		 event_type;
	uint64_t	 table_id;
	uint16_t	 flags;		/* 1 = STMT_END_F */
	unsigned int	 ncols;
	size_t		 nrows;
	struct rowimage_row *before;
	struct rowimage_row *after;
};

/* Decode the TABLE_MAP metadata block of ncols columns with the given type
 * bytes into cols[0..ncols-1] (type fields only; schema fields are zeroed).
 * nullbits is the TABLE_MAP nullability bitmap, or NULL. These are the
 * column_types, metadata and null_indicator of libmariadb's table map
 * event. 0 or -1. */
int	 rowimage_parse_table_map_meta(const uint8_t *types, unsigned int ncols,
	     const uint8_t *meta, size_t metalen, const uint8_t *nullbits,
	     struct rowimage_column *cols, char **cause);
/* Parse a whole TABLE_MAP event body into t (allocates; release with
 * rowimage_table_release). Optional metadata after the bitmap is ignored.
 * 0 or -1. */
int	 rowimage_table_parse(struct rowimage_table *, const uint8_t *, size_t,
	     char **cause);
void	 rowimage_table_release(struct rowimage_table *);
/* Set a column's charset name; -1 if it is not [A-Za-z0-9_]{1,32}. "binary"
 * also sets is_binary. */
int	 rowimage_column_set_charset(struct rowimage_column *, const char *);

/* Decode one row image: p starts at the row's null bitmap, which has one
 * bit per column set in present (the columns-present bitmap of the event,
 * bit i = table column i, t->ncols bits). Fills row with t->ncols values
 * (its previous contents are not freed: use rowimage_row_release) and *used
 * with the bytes consumed. 0 or -1. */
int	 rowimage_decode_row(const struct rowimage_table *,
	     const uint8_t *present, const uint8_t *p, size_t len, size_t *used,
	     struct rowimage_row *, char **cause);
void	 rowimage_row_release(struct rowimage_row *);

/* The table id of a ROWS event body, to find its TABLE_MAP. 0 or -1. */
int	 rowimage_rows_table_id(const uint8_t *, size_t, uint64_t *);
/* Decode a whole ROWS event body (v1 or v2) of event type ev_type. The
 * event may carry fewer columns than the table, never more. 0 or -1; on
 * -1 rows is empty. Release with rowimage_rows_release. */
int	 rowimage_rows_decode(struct rowimage_rows *, uint8_t ev_type,
	     const uint8_t *, size_t, const struct rowimage_table *,
	     char **cause);
/* Decode the rows part alone, for callers that parsed the header
 * themselves (libmariadb's rows event: column_bitmap,
 * column_update_bitmap, row_data): present (and present_after for UPDATE)
 * are the column bitmaps of ncols bits, p..p+len the row images; any
 * rows event type byte of the operation will do. Initializes rows; 0 or
 * -1. */
int	 rowimage_rows_decode_images(struct rowimage_rows *, uint8_t ev_type,
	     const struct rowimage_table *, unsigned int ncols,
	     const uint8_t *present, const uint8_t *present_after,
	     const uint8_t *p, size_t len, char **cause);
void	 rowimage_rows_release(struct rowimage_rows *);

/* Format unix seconds and microseconds in UTC as "YYYY-MM-DD hh:mm:ss" with
 * fsp fraction digits; sec == 0 gives the zero date. Returns out. */
char	*rowimage_format_timestamp(char *out, size_t, int64_t sec,
	     uint32_t usec, unsigned int fsp);

/* Append v as an SQL literal that means the same value whatever the
 * connection's charset and sql_mode (the apply session uses time_zone
 * '+00:00'):
 *   NULL                 NULL
 *   integers, YEAR,      decimal text: -128, 18446744073709551615, 2024
 *   ENUM index, SET mask
 *   FLOAT, DOUBLE        shortest text that reads back to the same bits
 *   DECIMAL              its text, unquoted: -1234.50
 *   STRING, JSON         _charset X'hex' (JSON: _utf8mb4); X'hex' when the
 *                        charset is unknown
 *   BYTES, GEOMETRY      X'hex'
 *   DATE, TIME,          quoted text: '2024-01-02 03:04:05.123456';
 *   DATETIME, TIMESTAMP  TIMESTAMP in UTC
 *   BIT                  b'0101', one digit per bit of the column
 * Checked on MariaDB 10.11 by test_sql_literals_on_server: every captured
 * row written back through these literals under latin1 +
 * NO_BACKSLASH_ESCAPES, utf8mb4, and sjis + ANSI_QUOTES connections has the
 * original's CHECKSUM TABLE. Zero dates need an sql_mode that allows them;
 * an ENUM index only means its label in an ENUM column (a DML builder whose
 * target column is not an ENUM must map it, e.g. with ELT()).
 * Returns -1 (and appends nothing) for ROWIMAGE_ABSENT, else 0. */
int	 rowimage_value_to_sql(const struct rowimage_value *, struct buf *);
/* A short name of a kind, for messages. */
const char *rowimage_kind_name(enum rowimage_kind);

#endif
