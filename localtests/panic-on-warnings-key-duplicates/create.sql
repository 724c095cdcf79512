-- --panic-on-warnings tolerates duplicates on the migration key (test.sh,
-- execute mode): rows inserted while the migration is throttled reach the
-- ghost through the binlog before the copy gets to them, and the copy's
-- INSERT IGNORE then meets them again.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null,
  v varchar(20) not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test select 2 * seq, concat('v', seq) from seq_1_to_1000;
