-- --panic-on-warnings under write load: the only warnings are the duplicates
-- on the migration key that INSERT IGNORE meets when the copy and the binlog
-- both bring a row, and those are tolerated, so the migration succeeds.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  email varchar(64) not null,
  n int not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (email, n) select concat('u', seq, '@example.com'), seq from seq_1_to_3000;

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
  insert into gh_ost_test (email, n) values (concat('e', unix_timestamp(now(6)), '@example.com'), 0);
  update gh_ost_test set n = n + 1 where id % 30 = second(now()) % 30;
  delete from gh_ost_test where id > 2 order by id limit 1;
end ;;
