-- set -> varchar: the row image carries the set's bitmap; the ghost column
-- needs the comma-separated member names.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  s set('red', 'green', 'blue', 'dark grey') not null,
  sn set('a', 'b', 'c'),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (s, sn) values ('', null), ('red,green,blue,dark grey', 'a,b,c'), ('blue', ''), ('green,dark grey', 'c');
insert into gh_ost_test (s, sn) select seq % 16, if(seq % 5 = 0, null, seq % 8) from seq_1_to_2000;

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
  insert into gh_ost_test (s, sn) values ('red,blue', null), ('', 'a,c'), ('dark grey', '');
  update gh_ost_test set s = (s + 0) ^ 15, sn = if(sn is null, 'b', null) where id in (1, 2, 3) or id % 60 = second(now());
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
