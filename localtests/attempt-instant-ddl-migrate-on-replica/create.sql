-- --attempt-instant-ddl with --migrate-on-replica (test.sh, execute mode):
-- the replica is the server being migrated, so the INSTANT ALTER runs
-- there and only there; the master's table is left as it is.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  color varchar(32),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, color) select seq, elt(1 + seq % 3, 'red', 'green', 'blue') from seq_1_to_2000;

