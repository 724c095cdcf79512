-- binary(8) -> binary(16): the server pads the wider column with 0x00, for
-- copied rows and for rows the applier writes alike. The original side is
-- compared padded to 16 bytes (orig_columns), since the two widths print
-- differently.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  b binary(8) not null,
  bn binary(8),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (b, bn) values
  (unhex('0011223344556600'), unhex('ff00000000000000')), (unhex('0000000000000000'), null),
  (unhex('ffffffffffffffff'), unhex('20')), ('', 'abc  ');
insert into gh_ost_test (b, bn)
  select unhex(concat(lpad(hex(seq), 6, '0'), '0000')), if(seq % 3 = 0, null, unhex(left(md5(seq), 16)))
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
  insert into gh_ost_test (b, bn) values (unhex('ff00'), null), (unhex('0000000000000001'), unhex('00')), (unhex(left(md5(rand()), 16)), '');
  update gh_ost_test set b = unhex('aa'), bn = if(bn is null, unhex('0100'), null) where id in (1, 2, 3);
  update gh_ost_test set b = reverse(b) where id % 60 = second(now());
  update gh_ost_test set bn = unhex('ffffffffffffff00') order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
