-- --attempt-instant-ddl on the master (test.sh, execute mode) while another
-- session holds the table's metadata lock: the ALTER waits out its lock
-- timeout (2 x --cut-over-lock-timeout-seconds), is retried 5 s later as
-- gh-ost does, and succeeds once the other session is gone.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  color varchar(32),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, color) select seq, elt(1 + seq % 3, 'red', 'green', 'blue') from seq_1_to_2000;

