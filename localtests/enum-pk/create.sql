-- An enum in the primary key (enum, int), with members declared out of
-- alphabetical order: the key orders by member index, not by text, which the
-- row copy's chunk ranges and the applier's key matching must respect.
drop table if exists gh_ost_test;
create table gh_ost_test (
  kind enum('zulu', 'alpha', 'mike', 'bravo') not null,
  n int not null,
  val varchar(20),
  primary key (kind, n)
) engine=innodb;

insert into gh_ost_test values ('zulu', 1, 'first'), ('bravo', 2147483647, 'last'), ('alpha', -1, null), ('mike', 0, '');
insert into gh_ost_test (kind, n, val) select 1 + seq % 4, seq, concat('v', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (kind, n, val) select 'alpha', coalesce(max(n), 0) + 1, 'event' from gh_ost_test where kind = 'alpha';
  insert into gh_ost_test (kind, n, val) select 'zulu', coalesce(max(n), 0) + 1, null from gh_ost_test where kind = 'zulu';
  update gh_ost_test set val = concat(coalesce(val, ''), '+') where n % 60 = second(now()) or n in (-1, 0, 1);
  update gh_ost_test set kind = 'bravo', n = n + 1000000 where kind = 'mike' and n % 60 = second(now());
  delete from gh_ost_test where kind = 'zulu' and n > 1 order by n limit 1;
  delete from gh_ost_test where kind = 'bravo' and n < 2147483647 order by n desc limit 1;
end ;;
