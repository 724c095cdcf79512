-- The table comes from sysbench's own prepare (see test.sh): sbtest1 with
-- 20000 rows, an auto_increment key and a secondary index.
drop table if exists sbtest1;
