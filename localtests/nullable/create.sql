-- Nullable columns of several types set to NULL and back again by the event,
-- including a row whose every non-key column is NULL (the row image's null
-- bitmap covers all of them).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int,
  v varchar(20),
  d datetime(3),
  dec1 decimal(12,4),
  b blob,
  e enum('x', 'y'),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, v, d, dec1, b, e) values
  (null, null, null, null, null, null),
  (0, '', '2000-01-01 00:00:00.000', 0, '', 'x'),
  (1, 'NULL', null, -1.5, unhex('00'), null),
  (null, 'null', '1999-12-31 23:59:59.999', null, null, 'y');
insert into gh_ost_test (i, v, d, dec1, b, e)
  select if(seq % 2 = 0, null, seq), if(seq % 3 = 0, null, concat('v', seq)),
         if(seq % 5 = 0, null, '2020-01-01' + interval seq minute), if(seq % 7 = 0, null, seq / 4),
         if(seq % 11 = 0, null, unhex(hex(seq))), if(seq % 13 = 0, null, 1 + seq % 2)
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
  insert into gh_ost_test (i, v, d, dec1, b, e) values (null, null, null, null, null, null), (5, 'five', now(3), 5.5, 'five', 'y');
  update gh_ost_test set
      i = if(i is null, 42, null), v = if(v is null, 'back', null), d = if(d is null, now(3), null),
      dec1 = if(dec1 is null, 1.0001, null), b = if(b is null, unhex('0000'), null), e = if(e is null, 'x', null)
    where id in (1, 2, 3, 4) or id % 60 = second(now());
  update gh_ost_test set i = null, v = null, d = null, dec1 = null, b = null, e = null order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
