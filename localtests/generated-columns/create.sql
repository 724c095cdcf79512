-- Virtual and stored generated columns (one of them indexed): the copy and
-- the applier must write only the base columns and let the server compute
-- the others.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  a int not null,
  b int,
  s varchar(40) not null,
  total int as (a + coalesce(b, 0)) virtual,
  label varchar(60) as (concat(s, ':', a)) stored,
  a_neg int as (-a) virtual,
  primary key (id),
  key total_idx (total),
  key label_idx (label)
) engine=innodb;

insert into gh_ost_test (a, b, s) values (1, 2, 'one'), (-5, null, 'neg'), (2147483647, -2147483647, 'max'), (0, 0, '');
insert into gh_ost_test (a, b, s)
  select seq, if(seq % 3 = 0, null, -cast(seq as signed) * 2), concat('s', seq)
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
  insert into gh_ost_test (a, b, s) values (7, 8, 'event'), (-7, null, 'é');
  update gh_ost_test set a = a + 1, b = if(b is null, 1, null) where id in (1, 2, 4);
  update gh_ost_test set s = concat(s, '!') where id % 60 = second(now());
  update gh_ost_test set b = 100 order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
