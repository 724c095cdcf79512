-- --attempt-instant-ddl on the master (test.sh, execute mode) with an ALTER
-- that cannot be INSTANT (a column's type changes): the attempt fails, is
-- logged, and the usual migration runs and swaps the table.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  color varchar(32),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, color) select seq, elt(1 + seq % 3, 'red', 'green', 'blue') from seq_1_to_2000;

