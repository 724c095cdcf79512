-- Add columns with defaults (NOT NULL with a constant, a nullable one, a
-- datetime default) while the event writes rows that do not mention them.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  name varchar(40) not null,
  qty int not null default 0,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (name, qty) values ('first', 1), ('second', 2), ('', 0);
insert into gh_ost_test (name, qty) select concat('n', seq), seq from seq_1_to_2000;

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
  insert into gh_ost_test (name, qty) values ('event', second(now())), ('another', -1);
  update gh_ost_test set qty = qty + 1 where id in (1, 2) or id % 60 = second(now());
  update gh_ost_test set name = 'last' order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
