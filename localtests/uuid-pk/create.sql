-- A binary(16) primary key holding UUIDs, including keys with trailing zero
-- bytes, all zeros and all 0xff. The event inserts new UUIDs, updates rows,
-- changes a key value, and deletes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id binary(16) not null,
  seq int not null,
  val varchar(20),
  primary key (id)
) engine=innodb;

insert into gh_ost_test values
  (unhex('00000000000000000000000000000000'), -1, 'zero'),
  (unhex('ffffffffffffffffffffffffffffffff'), -2, 'max'),
  (unhex('12340000000000000000000000000000'), -3, 'trailing zeros'),
  (unhex('00000000000000000000000000000001'), -4, null),
  (unhex('20000000000000000000000000000000'), -5, 'space then zeros');
insert into gh_ost_test (id, seq, val) select unhex(md5(seq)), seq, concat('v', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (id, seq, val) values (unhex(replace(uuid(), '-', '')), 100000 + second(now()), 'event'),
    (unhex(concat(left(md5(rand()), 8), '000000000000000000000000')), 200000 + second(now()), null);
  update gh_ost_test set val = if(val is null, 'back', null) where seq < 0 or seq % 60 = second(now());
  update gh_ost_test set id = unhex(md5(concat('moved', seq))) where seq > 0 and seq <= 2000 and seq % 97 = second(now());
  delete from gh_ost_test where seq > 0 and seq % 60 = (second(now()) + 30) % 60 order by id limit 1;
  delete from gh_ost_test where seq > 100000 order by id desc limit 1;
end ;;
