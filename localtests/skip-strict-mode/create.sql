-- The ALTER narrows a column that the event keeps filling with longer text.
-- The server is not strict (this case's sql_mode file) but wisp's applier
-- adds STRICT_ALL_TABLES as gh-ost does, so the binlog UPDATE fails on the
-- ghost (the copy's INSERT IGNORE only warns). skip-strict-mode is the same
-- case with --skip-strict-mode. Only execute mode applies binlog DML.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v varchar(20) not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v) select concat('v', seq) from seq_1_to_2000;

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
  update gh_ost_test set v = concat('longer-', second(now())) where id % 100 = 1;
  insert into gh_ost_test (v) values ('ok');
end ;;
