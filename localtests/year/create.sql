-- year: 1901 and 2155 (the range ends), 0000, and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  y year not null,
  yn year,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (y, yn) values
  (1901, 2155), (2155, 1901), (0, null), (2000, 0), (1970, 2038), (1999, 2069);
insert into gh_ost_test (y, yn)
  select 1901 + seq % 255, if(seq % 4 = 0, null, 2155 - seq % 255)
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
  insert into gh_ost_test (y, yn) values (2155, null), (1901, 0), (year(now()), 2000);
  update gh_ost_test set y = if(y = 2155, 1901, 2155), yn = if(yn is null, 0, null) where id in (1, 2, 3, 4);
  update gh_ost_test set y = if(y = 0, 0, 4056 - y) where id % 60 = second(now());
  update gh_ost_test set yn = 2155 order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
