-- Add a unique key on a column whose values are distinct, and stay distinct
-- under the event's DML (uuid() on insert, an appended suffix on update).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  code varchar(64) not null,
  val int,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (code, val) values ('A', 1), ('B', null), ('c', 3);
insert into gh_ost_test (code, val) select concat('code-', seq), seq from seq_1_to_2000;

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
  insert into gh_ost_test (code, val) values (uuid(), second(now())), (uuid(), null);
  update gh_ost_test set code = concat(code, '.'), val = if(val is null, 1, null) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set val = -1 order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
