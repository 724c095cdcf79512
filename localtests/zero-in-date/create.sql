-- fail-zero-in-date's table with --allow-zero-in-date: the applier drops
-- NO_ZERO_IN_DATE and NO_ZERO_DATE from its sql_mode, so the ghost is
-- created, the ALTER adds another zero default, and the copy and the binlog
-- DML keep zero dates and dates with a zero month or day as they are (a
-- strict INSERT IGNORE would store 0000-00-00 instead).
set session sql_mode = '';
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  created datetime not null default '0000-00-00 00:00:00',
  due date,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (created, due) values
  ('0000-00-00 00:00:00', '2021-00-00'), ('2021-02-00 10:00:00', '0000-00-00');
insert into gh_ost_test (created, due)
  select if(seq % 3 = 0, '0000-00-00 00:00:00', '2020-00-10 00:00:00' + interval seq hour),
         if(seq % 2 = 0, '0000-00-00', concat('2022-', lpad(seq % 13, 2, '0'), '-00'))
  from seq_1_to_2000;

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
  insert into gh_ost_test (created, due) values (default, '2023-04-00'), (now(), '0000-00-00');
  update gh_ost_test set due = if(due = '0000-00-00', '1999-00-31', '0000-00-00') where id in (1, 2, 3);
  update gh_ost_test set created = '0000-00-00 00:00:00' order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
end ;;
