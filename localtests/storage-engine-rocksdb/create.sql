-- --storage-engine=rocksdb: gh-ost's sessions use READ COMMITTED, which
-- RocksDB needs. This server has no RocksDB, so the table is InnoDB: the
-- case checks the session (the throttle query holds the migration until
-- the case times out otherwise) and that the rest runs as usual.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v int not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v) select seq from seq_1_to_2000;

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
  insert into gh_ost_test (v) values (second(now()));
  update gh_ost_test set v = v + 1 where id % 60 = second(now());
end ;;
