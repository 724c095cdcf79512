-- gh-ost sets REPEATABLE READ on every session whatever the server's
-- default: before.sql makes the default READ COMMITTED, and the throttle
-- query (run on the applier's own sessions) holds the migration until the
-- case times out if wisp's session is not REPEATABLE READ.
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
