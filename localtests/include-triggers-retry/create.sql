-- A cut-over attempt that fails after the triggers' copies were made drops
-- them from the ghost; the next attempt makes them again (test.sh, execute
-- mode). The first attempts fail because a table already has the name
-- two-step gives the original.
drop table if exists gh_ost_test;
drop table if exists gh_ost_test_log;
create table gh_ost_test (
  id int not null auto_increment,
  word varchar(32) not null,
  primary key (id)
) engine=innodb;

create table gh_ost_test_log (
  id int not null auto_increment,
  what varchar(64) not null,
  primary key (id)
) engine=innodb;

create trigger gh_ost_test_ai after insert on gh_ost_test
  for each row insert into gh_ost_test_log (what) values (new.word);
create trigger gh_ost_test_bi before insert on gh_ost_test
  for each row set new.word = lower(new.word);

insert into gh_ost_test (word) select concat('W', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (word) values ('EVENT');
  delete from gh_ost_test where id > 1 order by id limit 1;
end ;;
