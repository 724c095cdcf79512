-- --attempt-instant-ddl on the master (test.sh): ADD COLUMN is INSTANT on
-- MariaDB 10.11, so the table is altered in place, no helper table is made,
-- and the success hook gets GH_OST_INSTANT_DDL=true. In noop mode nothing
-- is attempted and the table stays as it is.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  color varchar(32),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, color) select seq, elt(1 + seq % 3, 'red', 'green', 'blue') from seq_1_to_2000;

