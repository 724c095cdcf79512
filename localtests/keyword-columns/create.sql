-- Column and key names that are reserved words or need quoting (order,
-- key, select, a space, a backtick, a non-ASCII name), renamed and added to.
drop table if exists gh_ost_test;
create table gh_ost_test (
  `id` int not null auto_increment,
  `order` int not null,
  `key` varchar(20),
  `select` datetime,
  `two words` varchar(10),
  `back``tick` int,
  `naïve` varchar(10),
  primary key (`id`),
  key `index` (`order`)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (`order`, `key`, `select`, `two words`, `back``tick`, `naïve`) values
  (1, 'k', '2001-01-01 00:00:00', 'a b', 1, 'é'), (2, null, null, null, null, null);
insert into gh_ost_test (`order`, `key`, `select`, `two words`, `back``tick`, `naïve`)
  select seq, concat('k', seq), '2010-01-01' + interval seq hour, 'x y', -cast(seq as signed), 'ü'
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
  insert into gh_ost_test (`order`, `key`, `select`, `two words`, `back``tick`, `naïve`) values (second(now()), 'event', now(), 'e v', 0, 'ñ');
  update gh_ost_test set `order` = `order` + 1, `key` = if(`key` is null, 'back', null), `back``tick` = 7 where id in (1, 2) or id % 60 = second(now());
  update gh_ost_test set `two words` = 'last one', `naïve` = 'ö' order by id desc limit 1;
  delete from gh_ost_test where id > 2 order by id limit 1;
  delete from gh_ost_test where id <= 2002 order by id desc limit 1;
end ;;
