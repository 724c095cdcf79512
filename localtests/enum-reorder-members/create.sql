-- enum -> enum with members added in front and in the middle: every
-- member's index changes, so the applier has to write members by name.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  e enum('small', 'large') not null,
  en enum('x', 'z'),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (e, en) values ('small', 'x'), ('large', 'z'), ('large', null);
insert into gh_ost_test (e, en) select 1 + seq % 2, if(seq % 3 = 0, null, 1 + seq % 2) from seq_1_to_2000;

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
  insert into gh_ost_test (e, en) values ('large', 'z'), ('small', null);
  update gh_ost_test set e = if(e = 'small', 'large', 'small'), en = if(en = 'x', 'z', 'x') where id in (1, 2, 3) or id % 60 = second(now());
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
