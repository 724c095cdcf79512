/* coords.h: binlog coordinates and GTID sets: parse, compare, format.
 *
 * Pure: strings in, values out. Three kinds of position:
 *
 *   file:pos       "mysql-bin.000012:4567", the way gh-ost's status shows it.
 *                  Files compare by their numeric suffix when they share a
 *                  base name (so .999999 < .1000000), else by name.
 *   MariaDB GTID   "0-1-100,1-2-5": domain-server-seq, one per domain in a
 *                  position (@@gtid_binlog_pos, @slave_connect_state).
 *                  Positions compare and merge per domain.
 *   MySQL GTID set "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7-9,...":
 *                  per source UUID, inclusive ranges of transaction numbers.
 *                  Tagged GTIDs (MySQL 8.3 "uuid:tag:1-5") are not parsed.
 *
 * Parsers return 0, or -1 with *cause (the caller frees it) and leave their
 * output empty. Formatters return an allocated string the caller frees. */
#ifndef WISP_COORDS_H
#define WISP_COORDS_H

/* A position in the binlog: file and position, and the GTID of the
 * transaction (or a GTID position) when known. Both strings are owned. */
struct binlog_coords {
	char		*file;		/* NULL: no file position */
	uint64_t	 pos;
	char		*gtid;		/* NULL: unknown */
};

/* The result of comparing two GTID positions or sets. */
enum coords_order {
	COORDS_BEFORE = -1,	/* a is strictly contained in b */
	COORDS_EQUAL = 0,
	COORDS_AFTER = 1,	/* a strictly contains b */
	COORDS_DIVERGED = 2,	/* each has something the other lacks */
};

void	 coords_init(struct binlog_coords *);
void	 coords_release(struct binlog_coords *);
/* Replace dst with a deep copy of src (dst must be initialized). */
void	 coords_copy(struct binlog_coords *, const struct binlog_coords *);
/* Set file (copied; NULL clears it) and pos; the gtid is kept. */
void	 coords_set(struct binlog_coords *, const char *, uint64_t);
/* Set the gtid text (copied; NULL clears it). */
void	 coords_set_gtid(struct binlog_coords *, const char *);
/* Parse "file:pos" (the last ':' separates them; pos is decimal). The gtid
 * of the result is NULL. */
int	 coords_parse(struct binlog_coords *, const char *, char **cause);
/* "file:pos" as gh-ost shows it; "" when there is no file. Allocated. */
char	*coords_format(const struct binlog_coords *);
/* Order by file (see above), then by pos: <0, 0 or >0. A missing file
 * sorts first. */
int	 coords_compare(const struct binlog_coords *,
	    const struct binlog_coords *);
/* Split a binlog file name into its base length and numeric suffix:
 * "mysql-bin.000012" gives 9 ("mysql-bin") and 12. -1 without a numeric
 * suffix after a '.'. */
int	 coords_file_seq(const char *, size_t *, uint64_t *);

/* MariaDB: one GTID. */
struct coords_gtid {
	uint32_t	 domain;
	uint32_t	 server;
	uint64_t	 seq;
};

/* MariaDB: a GTID position, at most one GTID per domain, sorted by domain. */
struct coords_gtid_pos {
	size_t		 n;
	struct coords_gtid *v;
};

/* Parse one "domain-server-seq". */
int	 coords_gtid_parse(struct coords_gtid *, const char *, char **cause);
/* "domain-server-seq"; writes into out (at least 64 bytes) and returns it. */
char	*coords_gtid_format(const struct coords_gtid *, char *, size_t);

void	 coords_gtid_pos_init(struct coords_gtid_pos *);
void	 coords_gtid_pos_release(struct coords_gtid_pos *);
/* Parse a comma-separated list (spaces allowed around items; "" is the
 * empty position). A domain listed twice keeps its highest seq, as in
 * @@gtid_binlog_state. */
int	 coords_gtid_pos_parse(struct coords_gtid_pos *, const char *,
	    char **cause);
/* "0-1-100,1-2-5" in domain order; "" when empty. Allocated. */
char	*coords_gtid_pos_format(const struct coords_gtid_pos *);
/* Record a GTID as applied: its domain's entry becomes g if g's seq is
 * higher (or the domain is new). */
void	 coords_gtid_pos_update(struct coords_gtid_pos *,
	    const struct coords_gtid *);
/* dst gets, per domain, the higher of dst's and src's entries. */
void	 coords_gtid_pos_merge(struct coords_gtid_pos *,
	    const struct coords_gtid_pos *);
/* The entry of a domain, or NULL. */
const struct coords_gtid *coords_gtid_pos_get(const struct coords_gtid_pos *,
	    uint32_t);
/* Is g at or before the position (its domain's seq >= g's seq)? */
bool	 coords_gtid_pos_contains(const struct coords_gtid_pos *,
	    const struct coords_gtid *);
/* Compare per domain; a domain missing on one side counts as seq 0. */
enum coords_order coords_gtid_pos_compare(const struct coords_gtid_pos *,
	    const struct coords_gtid_pos *);

/* MySQL: inclusive range of transaction numbers. */
struct coords_interval {
	uint64_t	 start;
	uint64_t	 end;
};

/* MySQL: the transactions of one source: sorted, disjoint, non-adjacent
 * intervals. */
struct coords_uuid_gtids {
	uint8_t		 uuid[16];
	size_t		 n;
	struct coords_interval *iv;
};

/* MySQL: a GTID set, sorted by UUID, no UUID without intervals. */
struct coords_uuid_set {
	size_t		 n;
	struct coords_uuid_gtids *sids;
};

/* Parse a UUID ("3E11FA47-71CA-11E1-9E33-C80AA9429562", any case, or 32
 * hex digits without dashes). 0 or -1. */
int	 coords_uuid_parse(uint8_t [16], const char *, size_t);
/* Lowercase dashed text into out (at least 37 bytes); returns out. */
char	*coords_uuid_format(const uint8_t [16], char *, size_t);

void	 coords_uuid_set_init(struct coords_uuid_set *);
void	 coords_uuid_set_release(struct coords_uuid_set *);
/* Parse "uuid:1-5:7,uuid2:1-100" (whitespace and newlines allowed around
 * items, as @@gtid_executed prints them; "" is the empty set). Ranges are
 * merged; n-m with m < n, or a zero transaction number, is an error. */
int	 coords_uuid_set_parse(struct coords_uuid_set *, const char *,
	    char **cause);
/* "uuid:1-5:7-9,uuid2:1-100", lowercase, in UUID order; "" when empty.
 * Allocated. */
char	*coords_uuid_set_format(const struct coords_uuid_set *);
/* Add one transaction, or a range (start <= end, start > 0). */
void	 coords_uuid_set_add(struct coords_uuid_set *, const uint8_t [16],
	    uint64_t, uint64_t);
/* Add every transaction of src to dst. */
void	 coords_uuid_set_merge(struct coords_uuid_set *,
	    const struct coords_uuid_set *);
/* Does the set contain transaction gno of uuid? */
bool	 coords_uuid_set_contains(const struct coords_uuid_set *,
	    const uint8_t [16], uint64_t);
/* Is every transaction of b in a? */
bool	 coords_uuid_set_contains_set(const struct coords_uuid_set *,
	    const struct coords_uuid_set *);
enum coords_order coords_uuid_set_compare(const struct coords_uuid_set *,
	    const struct coords_uuid_set *);

#endif
