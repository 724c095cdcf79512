-- A wide table: 60 nullable columns of rotating types, so the row image's
-- null bitmap and column bitmaps span 8 bytes; the event flips which
-- columns are NULL, in the middle and at both ends of the row.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  c1 int,
  c2 varchar(10),
  c3 datetime,
  c4 decimal(5,2),
  c5 tinyint unsigned,
  c6 char(3),
  c7 int,
  c8 varchar(10),
  c9 datetime,
  c10 decimal(5,2),
  c11 tinyint unsigned,
  c12 char(3),
  c13 int,
  c14 varchar(10),
  c15 datetime,
  c16 decimal(5,2),
  c17 tinyint unsigned,
  c18 char(3),
  c19 int,
  c20 varchar(10),
  c21 datetime,
  c22 decimal(5,2),
  c23 tinyint unsigned,
  c24 char(3),
  c25 int,
  c26 varchar(10),
  c27 datetime,
  c28 decimal(5,2),
  c29 tinyint unsigned,
  c30 char(3),
  c31 int,
  c32 varchar(10),
  c33 datetime,
  c34 decimal(5,2),
  c35 tinyint unsigned,
  c36 char(3),
  c37 int,
  c38 varchar(10),
  c39 datetime,
  c40 decimal(5,2),
  c41 tinyint unsigned,
  c42 char(3),
  c43 int,
  c44 varchar(10),
  c45 datetime,
  c46 decimal(5,2),
  c47 tinyint unsigned,
  c48 char(3),
  c49 int,
  c50 varchar(10),
  c51 datetime,
  c52 decimal(5,2),
  c53 tinyint unsigned,
  c54 char(3),
  c55 int,
  c56 varchar(10),
  c57 datetime,
  c58 decimal(5,2),
  c59 tinyint unsigned,
  c60 char(3),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32, c33, c34, c35, c36, c37, c38, c39, c40, c41, c42, c43, c44, c45, c46, c47, c48, c49, c50, c51, c52, c53, c54, c55, c56, c57, c58, c59, c60) values
  (-7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc'),
  (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
  (null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc');
insert into gh_ost_test (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32, c33, c34, c35, c36, c37, c38, c39, c40, c41, c42, c43, c44, c45, c46, c47, c48, c49, c50, c51, c52, c53, c54, c55, c56, c57, c58, c59, c60)
  select if((seq + 1) % 5 = 0, null, cast(seq as signed) - 1), if((seq + 2) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 3) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 4) % 5 = 0, null, (seq % 1000) / 100), if((seq + 5) % 5 = 0, null, seq % 256), if((seq + 6) % 5 = 0, null, left(md5(seq), 3)), if((seq + 7) % 5 = 0, null, cast(seq as signed) - 7), if((seq + 8) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 9) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 10) % 5 = 0, null, (seq % 1000) / 100), if((seq + 11) % 5 = 0, null, seq % 256), if((seq + 12) % 5 = 0, null, left(md5(seq), 3)), if((seq + 13) % 5 = 0, null, cast(seq as signed) - 13), if((seq + 14) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 15) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 16) % 5 = 0, null, (seq % 1000) / 100), if((seq + 17) % 5 = 0, null, seq % 256), if((seq + 18) % 5 = 0, null, left(md5(seq), 3)), if((seq + 19) % 5 = 0, null, cast(seq as signed) - 19), if((seq + 20) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 21) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 22) % 5 = 0, null, (seq % 1000) / 100), if((seq + 23) % 5 = 0, null, seq % 256), if((seq + 24) % 5 = 0, null, left(md5(seq), 3)), if((seq + 25) % 5 = 0, null, cast(seq as signed) - 25), if((seq + 26) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 27) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 28) % 5 = 0, null, (seq % 1000) / 100), if((seq + 29) % 5 = 0, null, seq % 256), if((seq + 30) % 5 = 0, null, left(md5(seq), 3)), if((seq + 31) % 5 = 0, null, cast(seq as signed) - 31), if((seq + 32) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 33) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 34) % 5 = 0, null, (seq % 1000) / 100), if((seq + 35) % 5 = 0, null, seq % 256), if((seq + 36) % 5 = 0, null, left(md5(seq), 3)), if((seq + 37) % 5 = 0, null, cast(seq as signed) - 37), if((seq + 38) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 39) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 40) % 5 = 0, null, (seq % 1000) / 100), if((seq + 41) % 5 = 0, null, seq % 256), if((seq + 42) % 5 = 0, null, left(md5(seq), 3)), if((seq + 43) % 5 = 0, null, cast(seq as signed) - 43), if((seq + 44) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 45) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 46) % 5 = 0, null, (seq % 1000) / 100), if((seq + 47) % 5 = 0, null, seq % 256), if((seq + 48) % 5 = 0, null, left(md5(seq), 3)), if((seq + 49) % 5 = 0, null, cast(seq as signed) - 49), if((seq + 50) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 51) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 52) % 5 = 0, null, (seq % 1000) / 100), if((seq + 53) % 5 = 0, null, seq % 256), if((seq + 54) % 5 = 0, null, left(md5(seq), 3)), if((seq + 55) % 5 = 0, null, cast(seq as signed) - 55), if((seq + 56) % 5 = 0, null, concat('s', seq % 1000)), if((seq + 57) % 5 = 0, null, '2000-01-01' + interval seq hour), if((seq + 58) % 5 = 0, null, (seq % 1000) / 100), if((seq + 59) % 5 = 0, null, seq % 256), if((seq + 60) % 5 = 0, null, left(md5(seq), 3))
  from seq_1_to_2000;

drop event if exists gh_ost_test;
delimiter ;;
create event gh_ost_test
  on schedule every 1 second
  starts current_timestamp
  ends current_timestamp + interval 60 second
  on completion not preserve
  enable
  do
begin
  insert into gh_ost_test (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32, c33, c34, c35, c36, c37, c38, c39, c40, c41, c42, c43, c44, c45, c46, c47, c48, c49, c50, c51, c52, c53, c54, c55, c56, c57, c58, c59, c60) values (-7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc', -7, 'w', '2001-02-03 04:05:06', -1.25, 255, 'abc'), (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), (null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc', null, 'w', null, -1.25, null, 'abc');
  update gh_ost_test set c1 = if(c1 is null, -7, null), c2 = if(c2 is null, 'w', null), c3 = if(c3 is null, '2001-02-03 04:05:06', null), c4 = if(c4 is null, -1.25, null), c5 = if(c5 is null, 255, null), c6 = if(c6 is null, 'abc', null), c7 = if(c7 is null, -7, null), c8 = if(c8 is null, 'w', null), c9 = if(c9 is null, '2001-02-03 04:05:06', null), c10 = if(c10 is null, -1.25, null), c11 = if(c11 is null, 255, null), c12 = if(c12 is null, 'abc', null), c13 = if(c13 is null, -7, null), c14 = if(c14 is null, 'w', null), c15 = if(c15 is null, '2001-02-03 04:05:06', null), c16 = if(c16 is null, -1.25, null), c17 = if(c17 is null, 255, null), c18 = if(c18 is null, 'abc', null), c19 = if(c19 is null, -7, null), c20 = if(c20 is null, 'w', null), c21 = if(c21 is null, '2001-02-03 04:05:06', null), c22 = if(c22 is null, -1.25, null), c23 = if(c23 is null, 255, null), c24 = if(c24 is null, 'abc', null), c25 = if(c25 is null, -7, null), c26 = if(c26 is null, 'w', null), c27 = if(c27 is null, '2001-02-03 04:05:06', null), c28 = if(c28 is null, -1.25, null), c29 = if(c29 is null, 255, null), c30 = if(c30 is null, 'abc', null), c31 = if(c31 is null, -7, null), c32 = if(c32 is null, 'w', null), c33 = if(c33 is null, '2001-02-03 04:05:06', null), c34 = if(c34 is null, -1.25, null), c35 = if(c35 is null, 255, null), c36 = if(c36 is null, 'abc', null), c37 = if(c37 is null, -7, null), c38 = if(c38 is null, 'w', null), c39 = if(c39 is null, '2001-02-03 04:05:06', null), c40 = if(c40 is null, -1.25, null), c41 = if(c41 is null, 255, null), c42 = if(c42 is null, 'abc', null), c43 = if(c43 is null, -7, null), c44 = if(c44 is null, 'w', null), c45 = if(c45 is null, '2001-02-03 04:05:06', null), c46 = if(c46 is null, -1.25, null), c47 = if(c47 is null, 255, null), c48 = if(c48 is null, 'abc', null), c49 = if(c49 is null, -7, null), c50 = if(c50 is null, 'w', null), c51 = if(c51 is null, '2001-02-03 04:05:06', null), c52 = if(c52 is null, -1.25, null), c53 = if(c53 is null, 255, null), c54 = if(c54 is null, 'abc', null), c55 = if(c55 is null, -7, null), c56 = if(c56 is null, 'w', null), c57 = if(c57 is null, '2001-02-03 04:05:06', null), c58 = if(c58 is null, -1.25, null), c59 = if(c59 is null, 255, null), c60 = if(c60 is null, 'abc', null) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set c1 = null, c60 = null, c30 = 1 order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
