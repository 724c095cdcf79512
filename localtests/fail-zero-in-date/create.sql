-- A table made under an empty sql_mode holds zero dates and a zero default.
-- The server now runs with NO_ZERO_IN_DATE,NO_ZERO_DATE (this case's
-- sql_mode file), so the ghost cannot be created like it without
-- --allow-zero-in-date.
set session sql_mode = '';
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  created datetime not null default '0000-00-00 00:00:00',
  due date,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (created, due) values
  ('0000-00-00 00:00:00', '2021-00-00'), ('2021-02-00 10:00:00', '0000-00-00');
