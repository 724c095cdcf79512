-- Change the primary key (id) to a composite (id, code). The two primary
-- keys differ, so the migration runs on the unique key both tables share:
-- code_uidx. The event inserts, updates (code included) and deletes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  code varchar(40) not null,
  val int,
  primary key (id),
  unique key code_uidx (code)
) engine=innodb;

insert into gh_ost_test (code, val) values ('zz', 1), ('aa', null), ('mm', 3), ('ñ', 4);
insert into gh_ost_test (code, val) select concat('c', lpad(2001 - seq, 5, '0')), seq from seq_1_to_2000;

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
  insert into gh_ost_test (code, val) values (uuid(), second(now())), (concat('e', unix_timestamp(now(6))), null);
  update gh_ost_test set val = if(val is null, 0, null) where id in (1, 2) or id % 60 = second(now());
  update gh_ost_test set code = concat(code, '+') where id in (3, 4) or id % 60 = second(now());
  update gh_ost_test set val = -1 order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
