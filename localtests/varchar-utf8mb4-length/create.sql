-- utf8mb4 varchar length changes: varchar(50) (200 bytes: a 1-byte length
-- in the row image) grows to varchar(100) (400 bytes: a 2-byte length), and
-- varchar(200) shrinks to varchar(60) where every value fits.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  grow varchar(50) character set utf8mb4 not null,
  shrink varchar(200) character set utf8mb4,
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (grow, shrink) values
  (repeat('😀', 50), repeat('ß', 60)), ('', ''), (repeat('a', 50), null), ('mixé 🚀 text', repeat('🦄', 60));
insert into gh_ost_test (grow, shrink)
  select concat(repeat('€', seq % 40), seq), if(seq % 3 = 0, null, repeat('🙂', seq % 61))
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
  insert into gh_ost_test (grow, shrink) values (repeat('🐬', 50), repeat('é', 60)), ('', null), (repeat('x', 49), '🚀');
  update gh_ost_test set grow = reverse(grow), shrink = if(shrink is null, repeat('€', 60), null) where id in (1, 2, 3, 4);
  update gh_ost_test set grow = repeat('😀', 50) where id % 60 = second(now());
  update gh_ost_test set shrink = '' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
