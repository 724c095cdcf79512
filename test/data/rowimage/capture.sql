-- capture.sql: the statements whose binlog events become the row-image
-- fixtures in test/lib/rowimage_fixtures.h (see script/rowimage-capture).
-- Every table lives in database `rowimg`; the expected values in
-- test/test_rowimage.c follow the rows written here, in this order.
-- Run on MariaDB with binlog_format=ROW, binlog_row_image=FULL.

SET NAMES utf8mb4;
SET SESSION sql_mode = '';
SET SESSION time_zone = '+00:00';
DROP DATABASE IF EXISTS rowimg;
CREATE DATABASE rowimg;
USE rowimg;

-- Integers: min, max, -1/1, NULL.
CREATE TABLE ints (
	id INT NOT NULL PRIMARY KEY,
	t TINYINT, tu TINYINT UNSIGNED,
	s SMALLINT, su SMALLINT UNSIGNED,
	m MEDIUMINT, mu MEDIUMINT UNSIGNED,
	i INT, iu INT UNSIGNED,
	b BIGINT, bu BIGINT UNSIGNED
);
INSERT INTO ints VALUES
	(1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0),
	(2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,
	    9223372036854775807, 18446744073709551615),
	(3, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1),
	(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- Decimals: partial leading and trailing groups, negatives, zero, extremes.
CREATE TABLE decs (
	id INT NOT NULL PRIMARY KEY,
	d1 DECIMAL(10,2),
	d2 DECIMAL(65,30),
	d3 DECIMAL(5,0),
	d4 DECIMAL(3,3),
	d5 DECIMAL(18,9),
	d6 DECIMAL(20,10) UNSIGNED
);
INSERT INTO decs VALUES
	(1, 12345678.90, 12345678901234567890123456789012345.123456789012345678901234567890,
	    99999, 0.999, 123456789.123456789, 1234567890.0123456789),
	(2, -12345678.90, -99999999999999999999999999999999999.999999999999999999999999999999,
	    -99999, -0.001, -0.000000001, 0),
	(3, 0, 0, 0, 0, 0, 0.0000000001),
	(4, -0.01, -1, -1, -0.5, -1.5, NULL);

-- Floating point.
CREATE TABLE floats (
	id INT NOT NULL PRIMARY KEY,
	f FLOAT,
	d DOUBLE
);
INSERT INTO floats VALUES
	(1, 0, 0),
	(2, -1.5, -1.5),
	(3, 3.40282e38, 1.7976931348623157e308),
	(4, 0.1, 0.1),
	(5, 1.17549e-38, 2.2250738585072014e-308),
	(6, NULL, 3.141592653589793);

-- Temporal types, every fractional precision, zero and extreme values.
CREATE TABLE temporal (
	id INT NOT NULL PRIMARY KEY,
	da DATE,
	dt0 DATETIME, dt1 DATETIME(1), dt2 DATETIME(2), dt3 DATETIME(3),
	dt4 DATETIME(4), dt5 DATETIME(5), dt6 DATETIME(6),
	ts0 TIMESTAMP NULL, ts1 TIMESTAMP(1) NULL, ts2 TIMESTAMP(2) NULL,
	ts3 TIMESTAMP(3) NULL, ts4 TIMESTAMP(4) NULL, ts5 TIMESTAMP(5) NULL,
	ts6 TIMESTAMP(6) NULL,
	t0 TIME, t1 TIME(1), t2 TIME(2), t3 TIME(3), t4 TIME(4), t5 TIME(5), t6 TIME(6),
	y YEAR
);
INSERT INTO temporal VALUES
	(1, '2024-01-02',
	    '2024-01-02 03:04:05', '2024-01-02 03:04:05.1', '2024-01-02 03:04:05.12',
	    '2024-01-02 03:04:05.123', '2024-01-02 03:04:05.1234',
	    '2024-01-02 03:04:05.12345', '2024-01-02 03:04:05.123456',
	    '2024-01-02 03:04:05', '2024-01-02 03:04:05.1', '2024-01-02 03:04:05.12',
	    '2024-01-02 03:04:05.123', '2024-01-02 03:04:05.1234',
	    '2024-01-02 03:04:05.12345', '2024-01-02 03:04:05.123456',
	    '03:04:05', '03:04:05.1', '03:04:05.12', '03:04:05.123', '03:04:05.1234',
	    '03:04:05.12345', '03:04:05.123456',
	    2024),
	(2, '0000-00-00',
	    '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',
	    '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',
	    '0000-00-00 00:00:00',
	    '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',
	    '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',
	    '0000-00-00 00:00:00',
	    '-838:59:59', '-838:59:59.9', '-838:59:59.99', '-838:59:59.999',
	    '-838:59:59.9999', '-838:59:59.99999', '-838:59:59.999999',
	    0),
	(3, '9999-12-31',
	    '9999-12-31 23:59:59', '9999-12-31 23:59:59.9', '9999-12-31 23:59:59.99',
	    '9999-12-31 23:59:59.999', '9999-12-31 23:59:59.9999',
	    '9999-12-31 23:59:59.99999', '9999-12-31 23:59:59.999999',
	    '2038-01-19 03:14:07', '2038-01-19 03:14:07.9', '2038-01-19 03:14:07.99',
	    '2038-01-19 03:14:07.999', '2038-01-19 03:14:07.9999',
	    '2038-01-19 03:14:07.99999', '2038-01-19 03:14:07.999999',
	    '838:59:59', '838:59:59.9', '838:59:59.99', '838:59:59.999', '838:59:59.9999',
	    '838:59:59.99999', '838:59:59.999999',
	    2155),
	(4, '1000-01-01',
	    '1000-01-01 00:00:00', '1000-01-01 00:00:00.0', '1000-01-01 00:00:00.01',
	    '1000-01-01 00:00:00.001', '1000-01-01 00:00:00.0001',
	    '1000-01-01 00:00:00.00001', '1000-01-01 00:00:00.000001',
	    '1970-01-01 00:00:01', '1970-01-01 00:00:01.0', '1970-01-01 00:00:01.01',
	    '1970-01-01 00:00:01.001', '1970-01-01 00:00:01.0001',
	    '1970-01-01 00:00:01.00001', '1970-01-01 00:00:01.000001',
	    '-00:00:00', '-00:00:00.1', '-00:00:00.01', '-00:00:00.001',
	    '-00:00:00.0001', '-00:00:00.00001', '-00:00:00.000001',
	    1901),
	(5, NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	    '-01:02:03', '-01:02:03.5', '-01:02:03.05', '-01:02:03.005',
	    '-01:02:03.0005', '-01:02:03.00005', '-01:02:03.000005',
	    NULL);

-- Strings in several charsets, binary strings, empty strings, NULLs.
CREATE TABLE strs (
	id INT NOT NULL PRIMARY KEY,
	c CHAR(10) CHARACTER SET latin1,
	vc VARCHAR(300) CHARACTER SET utf8mb4,
	vl VARCHAR(20) CHARACTER SET latin1,
	bn BINARY(16),
	vb VARBINARY(50),
	tx TEXT CHARACTER SET utf8mb4,
	bl BLOB,
	tt TINYTEXT CHARACTER SET utf8mb4,
	c255 CHAR(255) CHARACTER SET utf8mb4
);
INSERT INTO strs VALUES
	(1, 'abc', 'hello', _latin1 X'636166E9', X'01020300000000000000000000000000', X'00FF00',
	    'text', X'DEADBEEF', 'tiny', 'wide'),
	(2, '', '', '', X'00000000000000000000000000000000', '', '', '', '', ''),
	(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(4, 'it''s', CONCAT(_utf8mb4 X'F09F9880', ' smile ', _utf8mb4 X'E282AC'), 'quote\'s\\',
	    X'41424300000000000000000000000044', X'5C27220A0D1A00', 'line1\nline2', X'00',
	    _utf8mb4 X'F09F8DA3', REPEAT(_utf8mb4 X'E282AC', 255));

-- A 70 KB blob (longer than 64 KB, so its 4-byte length uses a third byte)
-- and a MEDIUMTEXT (3-byte length).
CREATE TABLE big (
	id INT NOT NULL PRIMARY KEY,
	lb LONGBLOB,
	mt MEDIUMTEXT CHARACTER SET latin1
);
INSERT INTO big VALUES (1, REPEAT(X'00010203FEFF', 12000), 'medium');

-- ENUM, SET, BIT, JSON (MariaDB: LONGTEXT), GEOMETRY, YEAR.
CREATE TABLE misc (
	id INT NOT NULL PRIMARY KEY,
	e ENUM('a','b','c'),
	s SET('x','y','z'),
	b1 BIT(1),
	b10 BIT(10),
	b64 BIT(64),
	j JSON,
	g GEOMETRY,
	pt POINT,
	y YEAR
);
INSERT INTO misc VALUES
	(1, 'b', 'x,z', b'1', b'1000000001', b'1111111111111111111111111111111111111111111111111111111111111111',
	    '{"a": [1, 2.5, "x"], "b": null}', ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)'),
	    ST_GeomFromText('POINT(1 2)', 4326), 1999),
	(2, 'c', '', b'0', b'0', b'0', '[]', NULL, ST_GeomFromText('POINT(-1.5 0.25)'), 0),
	(3, NULL, 'x,y,z', NULL, b'0000000001', b'1000000000000000000000000000000000000000000000000000000000000000',
	    NULL, NULL, NULL, NULL),
	(4, '', NULL, b'1', b'1111111111', 1, '"str"', NULL, NULL, 2155);

-- ENUM with 300 members (2-byte index) and SET with 64 members (8 bytes).
SET SESSION group_concat_max_len = 1000000;
SET @e = (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
	SELECT GROUP_CONCAT(CONCAT('''v', i, '''') ORDER BY i) FROM n);
SET @s = (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64)
	SELECT GROUP_CONCAT(CONCAT('''s', i, '''') ORDER BY i) FROM n);
SET @q = CONCAT('CREATE TABLE wide_enum (id INT NOT NULL PRIMARY KEY, e ENUM(', @e,
	'), s SET(', @s, '))');
PREPARE st FROM @q;
EXECUTE st;
DEALLOCATE PREPARE st;
INSERT INTO wide_enum VALUES (1, 'v300', 's1,s64'), (2, 'v1', ''), (3, 'v256', 's2,s33');

-- MariaDB 5.3 temporal format (types 7, 11, 12; fractions without metadata).
SET GLOBAL mysql56_temporal_format = OFF;
CREATE TABLE oldtime (
	id INT NOT NULL PRIMARY KEY,
	dt DATETIME, dt3 DATETIME(3), t TIME, t2 TIME(2), ts TIMESTAMP NULL,
	ts4 TIMESTAMP(4) NULL, dt6 DATETIME(6), t6 TIME(6)
);
SET GLOBAL mysql56_temporal_format = ON;
INSERT INTO oldtime VALUES
	(1, '2024-01-02 03:04:05', '2024-01-02 03:04:05.123', '-12:34:56', '-01:02:03.45',
	    '2024-01-02 03:04:05', '2024-01-02 03:04:05.1234', '9999-12-31 23:59:59.999999',
	    '-838:59:59.999999'),
	(2, '0000-00-00 00:00:00', '0000-00-00 00:00:00', '838:59:59', '00:00:00.01',
	    '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '-00:00:00.5');

-- UPDATE with both images, several rows in one event; DELETE.
CREATE TABLE upd (
	id INT NOT NULL PRIMARY KEY,
	a INT,
	s VARCHAR(20) CHARACTER SET utf8mb4
);
INSERT INTO upd VALUES (1, 10, 'one'), (2, 20, NULL), (3, NULL, 'three');
UPDATE upd SET a = COALESCE(a, 0) + 1, s = CONCAT(COALESCE(s, ''), '!');
DELETE FROM upd WHERE id = 2;

-- Partial column-present bitmaps: MINIMAL and NOBLOB row images.
CREATE TABLE partial (
	id INT NOT NULL PRIMARY KEY,
	a INT,
	b VARCHAR(10),
	c BLOB
);
INSERT INTO partial VALUES (1, 1, 'x', 'blob1'), (2, 2, 'y', 'blob2');
SET SESSION binlog_row_image = MINIMAL;
INSERT INTO partial (id, b) VALUES (3, 'z');
UPDATE partial SET b = 'w' WHERE id = 1;
DELETE FROM partial WHERE id = 2;
SET SESSION binlog_row_image = NOBLOB;
UPDATE partial SET a = 5 WHERE id = 3;
SET SESSION binlog_row_image = FULL;

-- MariaDB fixed-binary types: INET6 and UUID travel as STRING(16).
CREATE TABLE fbt (
	id INT NOT NULL PRIMARY KEY,
	ip INET6,
	u UUID
);
INSERT INTO fbt VALUES (1, '::1', '123e4567-e89b-12d3-a456-426614174000'),
	(2, 'fe80::1:2', NULL);
