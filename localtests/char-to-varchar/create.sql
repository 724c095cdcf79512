-- char -> varchar: char values come back without their trailing spaces
-- (the server pads and strips them), so the varchar gets the stripped text.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  c char(20) not null,
  cn char(10) character set utf8mb4,
  primary key (id)
) engine=innodb default charset=latin1;

insert into gh_ost_test (c, cn) values ('padded   ', '  lead'), ('', null), (repeat('z', 20), '🚀🚀🚀'), ('café', 'tab\t');
insert into gh_ost_test (c, cn) select concat('c', seq, '  '), if(seq % 3 = 0, null, concat(' ü', seq % 1000)) from seq_1_to_2000;

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
  insert into gh_ost_test (c, cn) values ('event   ', '😀 '), ('', null), (repeat('é', 20), '');
  update gh_ost_test set c = concat(left(c, 10), '  '), cn = if(cn is null, ' x ', null) where id in (1, 2, 3);
  update gh_ost_test set c = reverse(c) where id % 60 = second(now());
  update gh_ost_test set cn = repeat('🙂', 10) order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
